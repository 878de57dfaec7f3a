package dev.parley.domain.channel;

import dev.parley.domain.server.Membership;

/**
 * The one visibility rule, applied on every path (REST, sockets, fan-out, search): a user sees a
 * channel only while a member of its server or a participant of its conversation.
 */
public final class Visibility {
  private Visibility() {}

  public static boolean canSee(Channel channel, Membership membership, boolean participant) {
    if (channel.isConversation()) {
      return participant;
    }
    return membership != null && channel.belongsTo(membership.serverId());
  }
}
