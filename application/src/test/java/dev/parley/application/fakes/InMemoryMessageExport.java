package dev.parley.application.fakes;

import dev.parley.application.port.out.MessageExport;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.message.Attachment;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/** In-memory {@link MessageExport} over an {@link InMemoryStore}; counts its reads for tests. */
public class InMemoryMessageExport implements MessageExport {
  private final InMemoryStore store;
  private int reads;

  public InMemoryMessageExport(InMemoryStore store) {
    this.store = store;
  }

  /** How many pages were read so far. */
  public int reads() {
    synchronized (store) {
      return reads;
    }
  }

  @Override
  public List<PostedMessage> byAuthor(long authorId, long afterId, int limit) {
    return page(m -> m.authorId() == authorId && m.id() > afterId, Message::id, limit);
  }

  @Override
  public List<PostedMessage> inChannel(long channelId, long afterSeq, int limit) {
    return page(m -> m.channelId() == channelId && m.seq() > afterSeq, Message::seq, limit);
  }

  private List<PostedMessage> page(
      Predicate<Message> wanted, ToLongFunction<Message> order, int limit) {
    synchronized (store) {
      reads++;
      return store.messages.values().stream()
          .filter(wanted)
          .sorted(Comparator.comparingLong(order))
          .limit(limit)
          .map(this::posted)
          .toList();
    }
  }

  private PostedMessage posted(Message m) {
    Channel channel = store.channels.get(m.channelId());
    List<Attachment> files =
        m.isDeleted()
            ? List.of()
            : store.attachments.values().stream()
                .filter(a -> a.messageId() != null && a.messageId() == m.id())
                .sorted(Comparator.comparingLong(Attachment::id))
                .toList();
    String author =
        store.users().findById(m.authorId()).map(u -> u.username().value()).orElse(null);
    return new PostedMessage(m, author, channel.serverId(), files);
  }
}
