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
  public Optional<Attachment> saveWithinQuota(NewAttachment a, long quotaBytes) {
    synchronized (store) {
      store.requireChannel(a.channelId());
      store.requireUser(a.uploaderId());
      if (storedBytesOf(a.uploaderId()) + a.size() > quotaBytes) {
        return Optional.empty();
      }
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
      return Optional.of(stored);
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
  public int deleteUnwanted(Instant unsentBefore, int limit) {
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
      unwanted.forEach(store::deleteAttachment);
      return unwanted.size();
    }
  }

  @Override
  public List<String> filesToRemove(int limit) {
    synchronized (store) {
      return store.filesToRemove.stream().limit(limit).toList();
    }
  }

  @Override
  public void filesRemoved(Collection<String> storageKeys) {
    synchronized (store) {
      store.filesToRemove.removeAll(storageKeys);
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
