package dev.parley.application.port.out;

import dev.parley.application.port.out.MessageRepository.Page;
import dev.parley.domain.channel.MessageThread;
import dev.parley.domain.message.Attachment;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.ReactionCount;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a history page with everything shown beside its messages (author names, attachments,
 * reaction counts) in one step, instead of a query per kind in turn.
 */
public interface HistoryPageReader {

  /**
   * The page's messages, oldest first, and what goes with them, by author or message id;
   * attachments are given for messages not deleted only, {@code threads} by parent message id.
   */
  record LoadedPage(
      List<Message> messages,
      Map<Long, String> authorNames,
      Map<Long, List<Attachment>> attachments,
      Map<Long, List<ReactionCount>> reactions,
      Set<Long> botAuthors,
      Map<Long, MessageThread> threads) {

    /** A page whose messages started no threads. */
    public LoadedPage(
        List<Message> messages,
        Map<Long, String> authorNames,
        Map<Long, List<Attachment>> attachments,
        Map<Long, List<ReactionCount>> reactions,
        Set<Long> botAuthors) {
      this(messages, authorNames, attachments, reactions, botAuthors, Map.of());
    }

    /** A page without bots among its authors. */
    public LoadedPage(
        List<Message> messages,
        Map<Long, String> authorNames,
        Map<Long, List<Attachment>> attachments,
        Map<Long, List<ReactionCount>> reactions) {
      this(messages, authorNames, attachments, reactions, Set.of());
    }
  }

  LoadedPage read(long channelId, Page page);
}
