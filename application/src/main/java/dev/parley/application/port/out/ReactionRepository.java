package dev.parley.application.port.out;

import dev.parley.domain.message.ReactionCount;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Stores who reacted to which message with which emoji. */
public interface ReactionRepository {

  /**
   * How many reactions one message may carry: {@code distinctPerMessage} different emojis in all,
   * and {@code perUser} reactions by any one user. Both keep a message's reaction list, and so
   * every history page that shows it, small.
   */
  record Bounds(int distinctPerMessage, int perUser) {
    public Bounds {
      if (distinctPerMessage < 1 || perUser < 1) {
        throw new IllegalArgumentException("reaction bounds must be positive");
      }
    }
  }

  /** What {@link #add} did. */
  enum Added {
    /** The reaction is new and stored. */
    ADDED,
    /** The user had already reacted with that emoji; nothing changed. */
    ALREADY,
    /** The emoji is new on the message, which already has the most different emojis allowed. */
    TOO_MANY_EMOJIS,
    /** The user already has the most reactions allowed on the message. */
    TOO_MANY_BY_USER
  }

  /**
   * Adds the reaction unless that would break {@code bounds}, atomically: concurrent adds to one
   * message are decided one after the other, so together they never pass a bound. Adding an emoji
   * the message already has is refused only by the per-user bound.
   */
  Added add(long messageId, long userId, String emoji, Instant at, Bounds bounds);

  /** Removes the reaction; false when there was none. */
  boolean remove(long messageId, long userId, String emoji);

  /** How many users reacted to the message with the emoji. */
  int count(long messageId, String emoji);

  /** The reactions of each message that has any, emojis in order of first use. */
  Map<Long, List<ReactionCount>> forMessages(Collection<Long> messageIds);
}
