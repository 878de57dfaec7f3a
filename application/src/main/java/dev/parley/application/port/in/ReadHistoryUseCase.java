package dev.parley.application.port.in;

import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.message.ReactionCount;
import java.util.List;

/** Reads a page of a channel's history the caller can see, oldest first. */
public interface ReadHistoryUseCase {
  List<PostedMessage> read(ReadHistoryQuery query);

  /** A history message with its reactions. */
  record Entry(PostedMessage posted, List<ReactionCount> reactions) {}

  /** The same page, each message with its reactions (one more query, not one per message). */
  List<Entry> readWithReactions(ReadHistoryQuery query);
}
