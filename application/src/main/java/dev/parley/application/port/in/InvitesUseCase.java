package dev.parley.application.port.in;

import dev.parley.domain.server.Invite;
import dev.parley.domain.server.Server;
import java.time.Duration;
import java.util.List;

/** Invite codes: created by moderators and admins, used by anyone holding one. */
public interface InvitesUseCase {
  int MAX_USES = 10_000;
  Duration MAX_AGE = Duration.ofDays(30);

  /** An invite with the server it opens. */
  record InviteView(Invite invite, Server server) {}

  /** {@code maxUses} and {@code maxAge} are optional (null: unlimited). */
  Invite create(long actorId, long serverId, Integer maxUses, Duration maxAge);

  List<Invite> list(long actorId, long serverId);

  void revoke(long actorId, String code);

  /** What an invite opens, for showing before joining. */
  InviteView preview(long userId, String code);

  /** Joins the invite's server; already a member is fine and uses nothing. */
  Server join(long userId, String code);
}
