package dev.parley.application.port.in;

import dev.parley.domain.channel.MessageThread;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.message.ReactionCount;
import java.util.List;

/** Reads a page of a channel's history the caller can see, oldest first. */
public interface ReadHistoryUseCase {
  List<PostedMessage> read(ReadHistoryQuery query);

  /** A history message with its reactions and the thread it started, if any (else null). */
  record Entry(PostedMessage posted, List<ReactionCount> reactions, MessageThread thread) {
    public Entry(PostedMessage posted, List<ReactionCount> reactions) {
      this(posted, reactions, null);
    }
  }

  /** The same page, each message with its reactions and thread (in the page's own read). */
  List<Entry> readWithReactions(ReadHistoryQuery query);
}
