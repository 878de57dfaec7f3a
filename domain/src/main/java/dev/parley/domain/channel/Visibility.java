package dev.parley.domain.channel;

import dev.parley.domain.server.Membership;

/**
 * The one visibility rule, applied on every path (REST, sockets, fan-out, search): a user sees a
 * channel only while a member of its server or a participant of its conversation (a thread: of its
 * server, or of the conversation it branches from).
 */
public final class Visibility {
  private Visibility() {}

  public static boolean canSee(Channel channel, Membership membership, boolean participant) {
    if (channel.serverId() == null) {
      return participant;
    }
    return membership != null && channel.belongsTo(membership.serverId());
  }
}
