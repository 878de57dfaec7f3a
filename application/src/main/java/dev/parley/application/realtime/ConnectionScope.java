package dev.parley.application.realtime;

/** What a live connection follows: everything its user can see, or one channel. */
public sealed interface ConnectionScope {

  /** The native gateway: all the user's servers and conversations, plus events for the user. */
  record Everything() implements ConnectionScope {}

  /**
   * A per-channel socket (seeds 002, 003, 004): that channel's events only. When the surface names
   * the server too, {@code expectedServerId} must be the channel's server.
   */
  record SingleChannel(long channelId, Long expectedServerId) implements ConnectionScope {}

  ConnectionScope EVERYTHING = new Everything();

  static ConnectionScope channel(long channelId) {
    return new SingleChannel(channelId, null);
  }
}
