package dev.parley.application.fakes;

import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.domain.message.Attachment;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** In-memory {@link AttachmentRepository} over an {@link InMemoryStore}. */
public class InMemoryAttachmentRepository implements AttachmentRepository {
  private final InMemoryStore store;

  public InMemoryAttachmentRepository(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public Attachment save(NewAttachment a) {
    synchronized (store) {
      store.requireChannel(a.channelId());
      store.requireUser(a.uploaderId());
      Attachment stored =
          new Attachment(
              store.nextAttachmentId(),
              a.channelId(),
              a.uploaderId(),
              a.filename(),
              a.contentType(),
              a.size(),
              a.sha256(),
              a.storageKey(),
              a.createdAt(),
              null);
      store.attachments.put(stored.id(), stored);
      return stored;
    }
  }

  @Override
  public Optional<Attachment> findById(long id) {
    synchronized (store) {
      return Optional.ofNullable(store.attachments.get(id));
    }
  }

  @Override
  public int attachToMessage(Collection<Long> ids, long messageId) {
    synchronized (store) {
      if (ids.isEmpty()) {
        return 0;
      }
      store.requireMessage(messageId);
      int linked = 0;
      for (long id : new HashSet<>(ids)) {
        Attachment a = store.attachments.get(id);
        if (a != null && !a.isAttached()) {
          store.attachments.put(id, a.attachedTo(messageId));
          linked++;
        }
      }
      return linked;
    }
  }

  @Override
  public long storedBytesOf(long uploaderId) {
    synchronized (store) {
      return store.attachments.values().stream()
          .filter(a -> a.uploaderId() == uploaderId)
          .mapToLong(Attachment::size)
          .sum();
    }
  }

  @Override
  public List<String> deleteUnwanted(Instant unsentBefore, int limit) {
    synchronized (store) {
      List<Attachment> unwanted =
          store.attachments.values().stream()
              .filter(
                  a ->
                      a.isAttached()
                          ? store.messages.get(a.messageId()).isDeleted()
                          : a.createdAt().isBefore(unsentBefore))
              .limit(limit)
              .toList();
      unwanted.forEach(a -> store.attachments.remove(a.id()));
      return unwanted.stream().map(Attachment::storageKey).toList();
    }
  }

  @Override
  public List<Attachment> findByMessageIds(Collection<Long> messageIds) {
    Set<Long> wanted = new HashSet<>(messageIds);
    synchronized (store) {
      return store.attachments.values().stream()
          .filter(a -> a.isAttached() && wanted.contains(a.messageId()))
          .sorted(Comparator.comparingLong(Attachment::messageId).thenComparingLong(Attachment::id))
          .toList();
    }
  }
}
