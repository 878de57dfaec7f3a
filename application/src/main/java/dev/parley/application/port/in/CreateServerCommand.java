package dev.parley.application.port.in;

import dev.parley.domain.server.Server;

/** Input of {@link CreateServerUseCase}: the creator becomes owner and ADMIN. */
public record CreateServerCommand(long ownerId, String name, String description, String icon) {
  public CreateServerCommand {
    name = Server.validName(name);
    description = Server.validDescription(description);
    icon = Server.validIcon(icon);
  }
}
