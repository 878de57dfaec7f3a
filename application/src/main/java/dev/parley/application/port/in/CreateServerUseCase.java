package dev.parley.application.port.in;

import dev.parley.domain.server.Server;

/** Creates a server owned by the caller. */
public interface CreateServerUseCase {
  Server create(CreateServerCommand command);
}
