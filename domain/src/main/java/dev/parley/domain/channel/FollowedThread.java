package dev.parley.domain.channel;

/** A thread a user follows, with how far they read it and how often they were mentioned since. */
public record FollowedThread(MessageThread thread, long lastReadSeq, long unreadMentions) {

  /** How many of its messages the user has not read. */
  public long unread() {
    return Math.max(0, thread.lastSeq() - lastReadSeq);
  }
}
