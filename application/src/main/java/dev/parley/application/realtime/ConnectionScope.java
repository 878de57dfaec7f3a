package dev.parley.application.realtime;

import dev.parley.domain.channel.ChannelExpectation;

/** What a live connection follows: everything its user can see, or one channel. */
public sealed interface ConnectionScope {

  /** The native gateway: all the user's servers and conversations, plus events for the user. */
  record Everything() implements ConnectionScope {}

  /**
   * A per-channel socket (seeds 002, 003, 004): that channel's events only, on a channel that is
   * what the surface {@code expected} (a room, a conversation, a channel of a named server).
   */
  record SingleChannel(long channelId, ChannelExpectation expected) implements ConnectionScope {
    public SingleChannel {
      expected = expected == null ? ChannelExpectation.ANY : expected;
    }
  }

  ConnectionScope EVERYTHING = new Everything();

  static ConnectionScope channel(long channelId) {
    return new SingleChannel(channelId, ChannelExpectation.ANY);
  }
}
