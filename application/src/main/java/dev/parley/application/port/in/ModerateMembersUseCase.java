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

  /** Who acts on which member of which server: three ids that must not be swapped. */
  record MemberAction(long actorId, long serverId, long memberId) {}

  Member changeRole(MemberAction action, Role role);

  void kick(MemberAction action);

  void ban(MemberAction action, String reason);

  void unban(MemberAction action);

  List<Ban> bans(long actorId, long serverId);

  /** Times the member out for {@code duration}; zero lifts a timeout. */
  Member timeout(MemberAction action, Duration duration);
}
