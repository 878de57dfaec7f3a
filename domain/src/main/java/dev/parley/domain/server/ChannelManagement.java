package dev.parley.domain.server;

import dev.parley.domain.channel.Channel;
import java.time.Instant;

/**
 * Who may rename or delete a server's channel: a member whose role manages channels (an ADMIN; in
 * the public server, its operators) and, in the public server only, where every member may open a
 * room, the member who created that room while they are not timed out.
 */
public final class ChannelManagement {
  private ChannelManagement() {}

  /** Whether {@code actor} (null: not a member) may rename or delete {@code channel}. */
  public static boolean mayManage(Server server, Membership actor, Channel channel, Instant now) {
    if (actor == null || !channel.belongsTo(server.id())) {
      return false;
    }
    if (actor.allows(Permission.MANAGE_CHANNELS)) {
      return true;
    }
    return server.isPublic()
        && channel.createdBy() != null
        && channel.createdBy() == actor.userId()
        && !actor.isTimedOut(now);
  }
}
