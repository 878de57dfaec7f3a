package dev.parley.application.port.in;

import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.server.Role;
import dev.parley.domain.user.Username;

/** Input of {@link AddMemberUseCase}: the user is named by id or by username. */
public record AddMemberCommand(
    long actorId, long serverId, Long userId, Username username, Role role) {
  public AddMemberCommand {
    if (userId == null && username == null) {
      throw new InvalidInput("user_id", "user_id or username is required");
    }
    if (role == null) {
      role = Role.MEMBER;
    }
  }
}
