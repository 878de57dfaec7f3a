package dev.parley.application.port.in;

import dev.parley.domain.server.Member;

/** Adds a user to a server (ADMIN only). */
public interface AddMemberUseCase {
  Member add(AddMemberCommand command);
}
