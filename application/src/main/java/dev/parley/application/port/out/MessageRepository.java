package dev.parley.application.port.out;

import dev.parley.domain.message.Message;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Stores messages; appending assigns the channel's next sequence number atomically. */
public interface MessageRepository {

  /**
   * What is needed to post a message; {@code webhookId} and {@code displayName} are set for a
   * message an incoming webhook posts, and null otherwise.
   */
  record NewMessage(
      long channelId,
      long authorId,
      String content,
      Instant createdAt,
      Long replyToId,
      String nonce,
      Long webhookId,
      String displayName) {

    /** A message someone posts themselves. */
    public NewMessage(
        long channelId,
        long authorId,
        String content,
        Instant createdAt,
        Long replyToId,
        String nonce) {
      this(channelId, authorId, content, createdAt, replyToId, nonce, null, null);
    }
  }

  /** Which part of a channel's history to read; results are always oldest first. */
  sealed interface Page {
    int limit();

    /** The newest messages, skipping {@code offset} from the newest end. */
    record Newest(int limit, int offset) implements Page {}

    /** The newest messages with a sequence number below {@code seq}. */
    record BeforeSeq(int limit, long seq) implements Page {}

    /** The oldest messages with a sequence number above {@code seq}. */
    record AfterSeq(int limit, long seq) implements Page {}
  }

  /**
   * Stores the message with the channel's next {@code seq}.
   *
   * @throws NonceAlreadyUsed when the author already used the message's nonce
   */
  Message append(NewMessage message);

  /**
   * {@link #append}, returning before the message is committed: the future completes once it is (or
   * fails as {@code append} would). Messages appended one after another are given their seqs in
   * that order. By default the append is done before returning.
   */
  default CompletableFuture<Message> appendLater(NewMessage message) {
    try {
      return CompletableFuture.completedFuture(append(message));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  Optional<Message> findById(long id);

  /** Replaces the text and sets {@code editedAt}; returns the updated message. */
  Message edit(long messageId, String content, Instant editedAt);

  /** Erases the text and sets {@code deletedAt}; the message keeps its id and seq. */
  Message markDeleted(long messageId, Instant deletedAt);

  Optional<Message> findByNonce(long authorId, String nonce);

  List<Message> page(long channelId, Page page);

  /** Signals a retried send: the nonce belongs to a message already stored. */
  final class NonceAlreadyUsed extends RuntimeException {
    public NonceAlreadyUsed() {
      super("nonce already used", null, false, false);
    }
  }
}
