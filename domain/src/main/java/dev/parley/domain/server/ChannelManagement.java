package dev.parley.domain.server;

import dev.parley.domain.channel.Channel;
import java.time.Instant;

/**
 * Who may rename or delete a server's channel: a member who is not timed out and whose role manages
 * channels (an ADMIN; in the public server, its operators) or, in the public server only, where
 * every member may open a room, who created that room.
 */
public final class ChannelManagement {
  private ChannelManagement() {}

  /** Whether {@code actor} (null: not a member) may rename or delete {@code channel}. */
  public static boolean mayManage(Server server, Membership actor, Channel channel, Instant now) {
    if (actor == null || !channel.belongsTo(server.id()) || actor.isTimedOut(now)) {
      return false;
    }
    if (actor.allows(Permission.MANAGE_CHANNELS)) {
      return true;
    }
    return server.isPublic()
        && channel.createdBy() != null
        && channel.createdBy() == actor.userId();
  }
}
