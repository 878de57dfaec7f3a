package dev.parley.application.port.out;

import dev.parley.domain.server.Invite;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores server invites and counts their uses. */
public interface InviteRepository {
  Invite create(Invite invite);

  Optional<Invite> find(String code);

  /** The server's invites, newest first, revoked ones included. */
  List<Invite> listByServer(long serverId);

  /**
   * Takes one use of the invite if it is still valid at {@code now} (not revoked, not expired, uses
   * left), atomically; the invite after the use, or empty when it was not valid.
   */
  Optional<Invite> use(String code, Instant now);

  /** Marks the invite revoked; false when there was no such invite. */
  boolean revoke(String code, Instant at);
}
