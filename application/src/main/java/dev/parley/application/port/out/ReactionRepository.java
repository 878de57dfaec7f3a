package dev.parley.application.port.out;

import dev.parley.domain.message.ReactionCount;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Stores who reacted to which message with which emoji. */
public interface ReactionRepository {

  /** Adds the reaction; false when the user had already reacted with that emoji. */
  boolean add(long messageId, long userId, String emoji, Instant at);

  /** Removes the reaction; false when there was none. */
  boolean remove(long messageId, long userId, String emoji);

  /** How many users reacted to the message with the emoji. */
  int count(long messageId, String emoji);

  /** The reactions of each message that has any, emojis in order of first use. */
  Map<Long, List<ReactionCount>> forMessages(Collection<Long> messageIds);
}
