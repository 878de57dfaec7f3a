package dev.parley.domain.channel;

import java.time.Instant;

/**
 * A thread: a channel of kind THREAD that branches off one message ({@code parentMessageId}) of a
 * server text channel ({@code parentChannelId}). Its id is its channel's id, so its messages have
 * their own seq, read state and change log. {@code replies} counts its messages not deleted, {@code
 * lastReplyAt} is when the newest of them was posted (null before the first reply).
 */
public record MessageThread(
    long id,
    long parentChannelId,
    long parentMessageId,
    Long serverId,
    String name,
    long createdBy,
    Instant createdAt,
    long replies,
    Instant lastReplyAt,
    long lastSeq) {

  /** How long a thread's name may be, like a channel's. */
  public static final int MAX_NAME = Channel.MAX_NAME;

  /** How much of its parent message's first line a thread is named after by default. */
  static final int DEFAULT_NAME_LENGTH = 40;

  /**
   * The name a new thread gets: the one asked for, else the first line of the message it starts
   * from (shortened), else "Thread".
   */
  public static String nameFor(String requested, String parentText) {
    if (requested != null && !requested.isBlank()) {
      return Channel.validName(requested);
    }
    String firstLine =
        parentText == null ? "" : parentText.strip().lines().findFirst().orElse("").strip();
    firstLine =
        firstLine
            .codePoints()
            .filter(c -> !Character.isISOControl(c))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    if (firstLine.isEmpty()) {
      return "Thread";
    }
    // Cut by code points, so that an emoji is never split in half.
    return firstLine.codePointCount(0, firstLine.length()) <= DEFAULT_NAME_LENGTH
        ? firstLine
        : firstLine.substring(0, firstLine.offsetByCodePoints(0, DEFAULT_NAME_LENGTH - 1)).strip()
            + "…";
  }
}
