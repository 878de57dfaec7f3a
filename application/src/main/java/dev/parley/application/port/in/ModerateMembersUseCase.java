package dev.parley.application.port.in;

import dev.parley.domain.server.Ban;
import dev.parley.domain.server.Member;
import dev.parley.domain.server.Role;
import java.time.Duration;
import java.util.List;

/**
 * Roles and moderation. Admins change roles and ban; moderators and admins kick and time out
 * members ranked below them; nobody acts on the owner.
 */
public interface ModerateMembersUseCase {
  /** Longest timeout, as Discord allows. */
  Duration MAX_TIMEOUT = Duration.ofDays(28);

  Member changeRole(long actorId, long serverId, long userId, Role role);

  void kick(long actorId, long serverId, long userId);

  void ban(long actorId, long serverId, long userId, String reason);

  void unban(long actorId, long serverId, long userId);

  List<Ban> bans(long actorId, long serverId);

  /** Times the member out for {@code duration}; zero lifts a timeout. */
  Member timeout(long actorId, long serverId, long userId, Duration duration);
}
