package dev.parley.application.port.in;

import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.event.ChatEvent;
import java.util.List;

/**
 * REST catch-up on a channel's change log: every change after a position (new messages, edits,
 * deletes, reactions), oldest first, as the events that announced them.
 */
public interface ReadChangesUseCase {

  /** Default and largest page. */
  int DEFAULT_LIMIT = 100;

  int MAX_LIMIT = 500;

  /** Which changes to read, of a channel that is what the surface {@code expected}. */
  record ChangesQuery(
      long userId, long channelId, ChannelExpectation expected, long afterPos, int limit) {
    public ChangesQuery {
      expected = expected == null ? ChannelExpectation.ANY : expected;
      if (afterPos < 0) {
        throw new InvalidInput("after_pos", "after_pos must not be negative");
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new InvalidInput("limit", "limit must be between 1 and " + MAX_LIMIT);
      }
    }
  }

  /**
   * A page of changes; {@code lastPos} is the position to ask after next time (the channel's newest
   * when {@code more} is false).
   */
  record Changes(List<ChatEvent> events, long lastPos, long lastSeq, boolean more) {}

  Changes changes(ChangesQuery query);
}
