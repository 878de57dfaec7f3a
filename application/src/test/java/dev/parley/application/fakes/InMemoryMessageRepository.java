package dev.parley.application.fakes;

import dev.parley.application.port.out.MessageRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.message.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** In-memory {@link MessageRepository} over an {@link InMemoryStore}. */
public class InMemoryMessageRepository implements MessageRepository {
  private final InMemoryStore store;

  public InMemoryMessageRepository(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public Message append(NewMessage message) {
    synchronized (store) {
      Channel channel = store.channels.get(message.channelId());
      if (channel == null) {
        throw new IllegalStateException("no channel " + message.channelId());
      }
      store.requireUser(message.authorId());
      if (message.replyToId() != null && !store.messages.containsKey(message.replyToId())) {
        throw new IllegalStateException("foreign key violation: no message " + message.replyToId());
      }
      if (message.nonce() != null && findByNonce(message.authorId(), message.nonce()).isPresent()) {
        throw new NonceAlreadyUsed();
      }
      Channel advanced = store.advance(channel.id(), true);
      Message stored =
          new Message(
              store.nextMessageId(),
              message.channelId(),
              advanced.lastSeq(),
              message.authorId(),
              message.content(),
              message.createdAt(),
              null,
              null,
              message.replyToId(),
              message.nonce(),
              advanced.lastPos(),
              message.webhookId(),
              message.displayName());
      store.messages.put(stored.id(), stored);
      return stored;
    }
  }

  @Override
  public Optional<Message> findById(long id) {
    synchronized (store) {
      return Optional.ofNullable(store.messages.get(id));
    }
  }

  @Override
  public Message edit(long messageId, String content, Instant editedAt) {
    synchronized (store) {
      Message m = existing(messageId);
      return replace(
          new Message(
              m.id(),
              m.channelId(),
              m.seq(),
              m.authorId(),
              content,
              m.createdAt(),
              editedAt,
              m.deletedAt(),
              m.replyToId(),
              m.nonce(),
              m.pos(),
              m.webhookId(),
              m.displayName()));
    }
  }

  @Override
  public Message markDeleted(long messageId, Instant deletedAt) {
    synchronized (store) {
      Message m = existing(messageId);
      return replace(
          new Message(
              m.id(),
              m.channelId(),
              m.seq(),
              m.authorId(),
              "",
              m.createdAt(),
              m.editedAt(),
              deletedAt,
              m.replyToId(),
              m.nonce(),
              m.pos(),
              m.webhookId(),
              m.displayName()));
    }
  }

  private Message existing(long messageId) {
    Message message = store.messages.get(messageId);
    if (message == null) {
      throw new IllegalStateException("no message " + messageId);
    }
    return message;
  }

  private Message replace(Message updated) {
    store.messages.put(updated.id(), updated);
    return updated;
  }

  @Override
  public Optional<Message> findByNonce(long authorId, String nonce) {
    if (nonce == null) {
      return Optional.empty();
    }
    synchronized (store) {
      return store.messages.values().stream()
          .filter(m -> m.authorId() == authorId && nonce.equals(m.nonce()))
          .findFirst();
    }
  }

  @Override
  public List<Message> page(long channelId, Page page) {
    Comparator<Message> bySeq = Comparator.comparingLong(Message::seq);
    synchronized (store) {
      Stream<Message> ofChannel =
          store.messages.values().stream().filter(m -> m.channelId() == channelId);
      if (page instanceof Page.Newest newest) {
        return oldestFirst(
            ofChannel.sorted(bySeq.reversed()).skip(newest.offset()).limit(newest.limit()));
      }
      if (page instanceof Page.BeforeSeq before) {
        return oldestFirst(
            ofChannel
                .filter(m -> m.seq() < before.seq())
                .sorted(bySeq.reversed())
                .limit(before.limit()));
      }
      Page.AfterSeq after = (Page.AfterSeq) page;
      return ofChannel
          .filter(m -> m.seq() > after.seq())
          .sorted(bySeq)
          .limit(after.limit())
          .toList();
    }
  }

  private static List<Message> oldestFirst(Stream<Message> newestFirst) {
    List<Message> page = new ArrayList<>(newestFirst.toList());
    Collections.reverse(page);
    return List.copyOf(page);
  }
}
