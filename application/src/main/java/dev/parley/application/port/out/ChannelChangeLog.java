package dev.parley.application.port.out;

import dev.parley.domain.message.Message;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The per-channel change log: every change to a channel's messages takes the channel's next
 * position (1, 2, 3… without gaps, in commit order). A message's creation takes its position when
 * it is appended ({@link Message#pos()}); edits, deletes, reactions and pins are recorded here.
 * Resume, REST catch-up and the repair after a fan-out outage all read it.
 */
public interface ChannelChangeLog {

  /** A change to an existing message, as recorded. */
  sealed interface Change {
    long messageId();

    /** Who made the change. */
    long actorId();

    Instant at();
  }

  /** The message's text became {@code content}. */
  record Edited(long messageId, long actorId, String content, Instant at) implements Change {}

  /** The message was deleted. */
  record Deleted(long messageId, long actorId, Instant at) implements Change {}

  /** A reaction was added or removed; {@code count} is the emoji's total after it. */
  record Reacted(long messageId, long actorId, String emoji, boolean added, int count, Instant at)
      implements Change {}

  /** The message was pinned to its channel ({@code pinned}) or unpinned. */
  record Pinned(long messageId, long actorId, boolean pinned, Instant at) implements Change {}

  /** One position of a channel's log. */
  sealed interface Entry {
    long pos();
  }

  /** A message was created here; {@code message} is as it is now (maybe edited or deleted). */
  record Created(long pos, Message message) implements Entry {}

  /** A later change to a message. */
  record Changed(long pos, Change change) implements Entry {}

  /**
   * Records the change with the channel's next position, in the caller's transaction if there is
   * one, and returns that position.
   */
  long record(long channelId, Change change);

  /** The entries after {@code afterPos}, oldest first, at most {@code limit}. */
  List<Entry> after(long channelId, long afterPos, int limit);

  /** The position of the creation of the message {@code seq} of the channel; 0 for seq 0. */
  long positionOfSeq(long channelId, long seq);

  /**
   * Channels changed at or after {@code since}, each with the lowest position changed since then;
   * at most {@code limit} channels.
   */
  Map<Long, Long> changedSince(Instant since, int limit);
}
