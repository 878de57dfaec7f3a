package dev.parley.domain.channel;

/** One channel as a user sees it: its newest seq, where they read to, unread mentions. */
public record ChannelState(
    long channelId, Long serverId, long lastSeq, long lastReadSeq, int mentions) {
  public long unread() {
    return Math.max(0, lastSeq - lastReadSeq);
  }
}
