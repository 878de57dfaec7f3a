package dev.parley.domain.channel;

import java.util.function.LongSupplier;

/**
 * What a route says its channel must be, checked in the same step as the access rule: any channel
 * the caller may see, a channel of a named server, a room or a conversation. A channel that is not
 * what the route expects is reported missing, like one the caller may not see, in the route's own
 * words.
 */
public sealed interface ChannelExpectation {
  ChannelExpectation ANY = new Any();
  ChannelExpectation ROOM = new Room();
  ChannelExpectation CONVERSATION = new Conversation();
  ChannelExpectation THREAD = new ThreadChannel();

  /** Whether {@code channel} is what is expected; {@code publicServer} is asked for rooms only. */
  boolean accepts(Channel channel, LongSupplier publicServer);

  /** What a caller is told when the channel is missing, invisible or not what was expected. */
  String missing();

  /** A channel of this server when one is named, else any channel. */
  static ChannelExpectation ofServer(Long serverId) {
    return serverId == null ? ANY : new OfServer(serverId);
  }

  /** Any channel the caller may see (the native surface names channels by id alone). */
  record Any() implements ChannelExpectation {
    @Override
    public boolean accepts(Channel channel, LongSupplier publicServer) {
      return true;
    }

    @Override
    public String missing() {
      return "Channel not found";
    }
  }

  /** A channel of this server, so a channel cannot be reached through another server's path. */
  record OfServer(long serverId) implements ChannelExpectation {
    @Override
    public boolean accepts(Channel channel, LongSupplier publicServer) {
      return channel.belongsTo(serverId);
    }

    @Override
    public String missing() {
      return "Channel not found";
    }
  }

  /** Seed 004's room: a text channel of the public server. */
  record Room() implements ChannelExpectation {
    @Override
    public boolean accepts(Channel channel, LongSupplier publicServer) {
      return channel.kind() == ChannelKind.TEXT && channel.belongsTo(publicServer.getAsLong());
    }

    @Override
    public String missing() {
      return "Room not found";
    }
  }

  /** A thread, of a server channel or of a conversation. */
  record ThreadChannel() implements ChannelExpectation {
    @Override
    public boolean accepts(Channel channel, LongSupplier publicServer) {
      return channel.kind() == ChannelKind.THREAD;
    }

    @Override
    public String missing() {
      return "Thread not found";
    }
  }

  /** Seed 002's conversation: a direct or group conversation. */
  record Conversation() implements ChannelExpectation {
    @Override
    public boolean accepts(Channel channel, LongSupplier publicServer) {
      return channel.isConversation();
    }

    @Override
    public String missing() {
      return "Not a member of this conversation";
    }
  }
}
