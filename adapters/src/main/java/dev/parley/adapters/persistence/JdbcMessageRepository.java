package dev.parley.adapters.persistence;

import dev.parley.application.port.out.MessageRepository;
import dev.parley.domain.message.Message;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@link MessageRepository} on PostgreSQL. Appending bumps {@code channels.last_seq} and {@code
 * last_pos} (the change log's position) and inserts the message in one statement, so the row lock
 * on the channel serialises writers and a failed insert leaves no gap.
 */
@Singleton
public class JdbcMessageRepository implements MessageRepository {
  private static final String APPEND =
      "WITH s AS (UPDATE channels SET last_seq = last_seq + 1, last_pos = last_pos + 1"
          + " WHERE id = ? RETURNING last_seq, last_pos)"
          + " INSERT INTO messages"
          + " (channel_id, seq, pos, author_id, content, created_at, reply_to_id, nonce,"
          + " webhook_id, display_name)"
          + " SELECT ?, s.last_seq, s.last_pos, ?, ?, ?, ?, ?, ?, ? FROM s RETURNING id, seq, pos";
  private static final String EDIT =
      "UPDATE messages SET content = ?, edited_at = ? WHERE id = ? RETURNING *";
  private static final String MARK_DELETED =
      "UPDATE messages SET content = '', deleted_at = ? WHERE id = ? RETURNING *";

  private final MessageRowRepository rows;
  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;

  /** Null when group commit is switched off ({@code parley.messages.group-commit.enabled}). */
  private final MessageGroupCommit groupCommit;

  JdbcMessageRepository(
      MessageRowRepository rows,
      JdbcOperations jdbc,
      TransactionOperations<Connection> tx,
      ConnectionOperations<Connection> connections,
      GroupCommitSettings groupCommit) {
    this.rows = rows;
    this.jdbc = jdbc;
    this.tx = tx;
    this.groupCommit =
        groupCommit.isEnabled()
            ? new MessageGroupCommit(
                    jdbc, connections, this::appendAlone, groupCommit.getMaxBatch())
                .start()
            : null;
  }

  /**
   * Outside a caller's transaction the message joins the next group commit; inside one (a send with
   * mentions or attachments) it is inserted there, since that transaction decides its fate.
   */
  @Override
  public Message append(NewMessage message) {
    if (batched(message)) {
      return groupCommit.append(message);
    }
    return appendAlone(message);
  }

  @Override
  public CompletableFuture<Message> appendLater(NewMessage message) {
    if (batched(message)) {
      return groupCommit.appendLater(message);
    }
    return MessageRepository.super.appendLater(message);
  }

  /**
   * Whether the message joins a group commit: outside a transaction, and not a webhook's (the batch
   * insert does not carry the webhook columns; such messages are rare and go alone).
   */
  private boolean batched(NewMessage message) {
    return groupCommit != null
        && message.webhookId() == null
        && tx.findTransactionStatus().isEmpty();
  }

  /** Messages handed over and waiting for the next group commit (for metrics and tests). */
  public int queuedAppends() {
    return groupCommit == null ? 0 : groupCommit.queued();
  }

  /** Stores one message in its own statement (or at a savepoint of the caller's transaction). */
  Message appendAlone(NewMessage message) {
    Optional<Message> stored;
    try {
      stored =
          tx.executeWrite(
              status ->
                  status.isNewTransaction()
                      ? Optional.of(insert(message))
                      : insertAtSavepoint(status.getConnection(), message));
    } catch (DataAccessException e) {
      if (message.nonce() != null && SqlErrors.isUniqueViolation(e)) {
        throw new NonceAlreadyUsed();
      }
      throw e;
    }
    return stored.orElseThrow(NonceAlreadyUsed::new);
  }

  /**
   * Inside a caller's transaction a failed statement would abort it and mark it rollback-only, so a
   * nonce clash rolls back to a savepoint and is reported by value instead of by exception; the
   * caller can then still read the original message. (Micronaut ignores NESTED when joining.)
   */
  private Optional<Message> insertAtSavepoint(Connection connection, NewMessage message)
      throws SQLException {
    Savepoint savepoint = connection.setSavepoint();
    try {
      Message stored = insert(message);
      connection.releaseSavepoint(savepoint);
      return Optional.of(stored);
    } catch (RuntimeException e) {
      connection.rollback(savepoint);
      if (message.nonce() != null && SqlErrors.isUniqueViolation(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private Message insert(NewMessage message) {
    return jdbc.prepareStatement(APPEND, statement -> insert(statement, message));
  }

  private static Message insert(PreparedStatement statement, NewMessage message)
      throws SQLException {
    statement.setLong(1, message.channelId());
    statement.setLong(2, message.channelId());
    statement.setLong(3, message.authorId());
    statement.setString(4, message.content());
    statement.setObject(5, OffsetDateTime.ofInstant(message.createdAt(), ZoneOffset.UTC));
    if (message.replyToId() == null) {
      statement.setNull(6, Types.BIGINT);
    } else {
      statement.setLong(6, message.replyToId());
    }
    statement.setString(7, message.nonce());
    if (message.webhookId() == null) {
      statement.setNull(8, Types.BIGINT);
    } else {
      statement.setLong(8, message.webhookId());
    }
    statement.setString(9, message.displayName());
    try (ResultSet rs = statement.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("No channel " + message.channelId());
      }
      return new Message(
          rs.getLong("id"),
          message.channelId(),
          rs.getLong("seq"),
          message.authorId(),
          message.content(),
          message.createdAt(),
          null,
          null,
          message.replyToId(),
          message.nonce(),
          rs.getLong("pos"),
          message.webhookId(),
          message.displayName());
    }
  }

  @PreDestroy
  void close() {
    if (groupCommit != null) {
      groupCommit.close();
    }
  }

  @Override
  public Optional<Message> findById(long id) {
    return rows.findById(id).map(JdbcMessageRepository::toDomain);
  }

  @Override
  public Message edit(long messageId, String content, Instant editedAt) {
    return update(messageId, EDIT, content, OffsetDateTime.ofInstant(editedAt, ZoneOffset.UTC));
  }

  @Override
  public Message markDeleted(long messageId, Instant deletedAt) {
    return update(messageId, MARK_DELETED, OffsetDateTime.ofInstant(deletedAt, ZoneOffset.UTC));
  }

  /**
   * Runs an {@code UPDATE ... RETURNING *} of one message, the id bound last. A missing message is
   * reported after the transaction so that it does not mark a caller's transaction rollback-only.
   */
  private Message update(long messageId, String sql, Object... values) {
    Optional<Message> updated =
        tx.executeWrite(
            status ->
                jdbc.prepareStatement(
                    sql,
                    statement -> {
                      for (int i = 0; i < values.length; i++) {
                        statement.setObject(i + 1, values[i]);
                      }
                      statement.setLong(values.length + 1, messageId);
                      try (ResultSet rs = statement.executeQuery()) {
                        return rs.next()
                            ? Optional.of(toDomain(jdbc.readEntity(rs, MessageRow.class)))
                            : Optional.<Message>empty();
                      }
                    }));
    return updated.orElseThrow(() -> new IllegalStateException("No message " + messageId));
  }

  @Override
  public Optional<Message> findByNonce(long authorId, String nonce) {
    if (nonce == null) {
      return Optional.empty();
    }
    return rows.findByAuthorIdAndNonce(authorId, nonce).map(JdbcMessageRepository::toDomain);
  }

  @Override
  public List<Message> page(long channelId, Page page) {
    if (page instanceof Page.Newest newest) {
      return oldestFirst(rows.newestFirst(channelId, newest.limit(), newest.offset()));
    }
    if (page instanceof Page.BeforeSeq before) {
      return oldestFirst(rows.newestFirstBefore(channelId, before.seq(), before.limit()));
    }
    Page.AfterSeq after = (Page.AfterSeq) page;
    return rows.oldestFirstAfter(channelId, after.seq(), after.limit()).stream()
        .map(JdbcMessageRepository::toDomain)
        .toList();
  }

  private static List<Message> oldestFirst(List<MessageRow> newestFirst) {
    List<Message> page = new ArrayList<>(newestFirst.size());
    newestFirst.forEach(row -> page.add(toDomain(row)));
    Collections.reverse(page);
    return page;
  }

  static Message toDomain(MessageRow row) {
    return new Message(
        row.id(),
        row.channelId(),
        row.seq(),
        row.authorId(),
        row.content(),
        row.createdAt(),
        row.editedAt(),
        row.deletedAt(),
        row.replyToId(),
        row.nonce(),
        row.pos(),
        row.webhookId(),
        row.displayName());
  }
}
