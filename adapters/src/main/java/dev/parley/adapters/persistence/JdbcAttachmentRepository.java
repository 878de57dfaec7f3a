package dev.parley.adapters.persistence;

import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.domain.message.Attachment;
import dev.parley.domain.message.Filename;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@link AttachmentRepository} on PostgreSQL. Attaching is one conditional {@code UPDATE}: the row
 * lock makes a concurrent attach of the same file re-check {@code message_id IS NULL} and skip it.
 */
@Singleton
public class JdbcAttachmentRepository implements AttachmentRepository {
  private static final String ATTACH =
      "UPDATE attachments SET message_id = ? WHERE id = ANY (?) AND message_id IS NULL";
  private static final String STORED_BYTES =
      "SELECT COALESCE(SUM(size_bytes), 0) FROM attachments WHERE uploader_id = ?";

  /**
   * The inner select picks candidates; the outer condition is evaluated again on the row version
   * being deleted, so a row a concurrent send attached in between (to a live message) is skipped.
   */
  private static final String DELETE_UNWANTED =
      "DELETE FROM attachments a"
          + " WHERE a.id IN (SELECT c.id FROM attachments c"
          + "   LEFT JOIN messages m ON m.id = c.message_id"
          + "   WHERE (c.message_id IS NULL AND c.created_at < ?) OR m.deleted_at IS NOT NULL"
          + "   LIMIT ?)"
          + " AND ((a.message_id IS NULL AND a.created_at < ?)"
          + "   OR EXISTS (SELECT 1 FROM messages d"
          + "     WHERE d.id = a.message_id AND d.deleted_at IS NOT NULL))";

  /**
   * Serializes one uploader's quota checks: the user row's lock taken by this statement conflicts
   * only with itself and updates of the row, not with the key-share locks of foreign keys.
   */
  private static final String LOCK_UPLOADER = "SELECT 1 FROM users WHERE id = ? FOR NO KEY UPDATE";

  private static final String FILES_TO_REMOVE =
      "SELECT storage_key FROM attachment_files_to_remove ORDER BY queued_at LIMIT ?";
  private static final String FILES_REMOVED =
      "DELETE FROM attachment_files_to_remove WHERE storage_key = ANY (?)";

  private static final String BY_MESSAGES =
      "SELECT * FROM attachments WHERE message_id = ANY (?) ORDER BY message_id, id";

  private final AttachmentRowRepository rows;
  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;

  JdbcAttachmentRepository(
      AttachmentRowRepository rows, JdbcOperations jdbc, TransactionOperations<Connection> tx) {
    this.rows = rows;
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @Override
  public Optional<Attachment> saveWithinQuota(NewAttachment a, long quotaBytes) {
    return tx.executeWrite(
        status -> {
          boolean uploaderExists =
              jdbc.prepareStatement(
                  LOCK_UPLOADER,
                  statement -> {
                    statement.setLong(1, a.uploaderId());
                    try (ResultSet rs = statement.executeQuery()) {
                      return rs.next();
                    }
                  });
          if (!uploaderExists) {
            throw new IllegalStateException("No user " + a.uploaderId());
          }
          if (storedBytesOf(a.uploaderId()) + a.size() > quotaBytes) {
            return Optional.empty();
          }
          return Optional.of(save(a));
        });
  }

  private Attachment save(NewAttachment a) {
    AttachmentRow row =
        new AttachmentRow(
            null,
            a.channelId(),
            a.uploaderId(),
            null,
            a.filename(),
            a.contentType(),
            a.size(),
            a.sha256(),
            a.storageKey(),
            a.createdAt());
    try {
      return toDomain(rows.save(row));
    } catch (DataAccessException e) {
      if (SqlErrors.isForeignKeyViolation(e)) {
        throw new IllegalStateException(
            "No channel " + a.channelId() + " or user " + a.uploaderId(), e);
      }
      throw e;
    }
  }

  @Override
  public Optional<Attachment> findById(long id) {
    return rows.findById(id).map(JdbcAttachmentRepository::toDomain);
  }

  @Override
  public int attachToMessage(Collection<Long> ids, long messageId) {
    if (ids.isEmpty()) {
      return 0;
    }
    try {
      return tx.executeWrite(
          status ->
              jdbc.prepareStatement(
                  ATTACH,
                  statement -> {
                    Array array =
                        statement.getConnection().createArrayOf("bigint", ids.toArray(Long[]::new));
                    try {
                      statement.setLong(1, messageId);
                      statement.setArray(2, array);
                      return statement.executeUpdate();
                    } finally {
                      array.free();
                    }
                  }));
    } catch (DataAccessException e) {
      if (SqlErrors.isForeignKeyViolation(e)) {
        throw new IllegalStateException("No message " + messageId, e);
      }
      throw e;
    }
  }

  @Override
  public List<Attachment> findByMessageIds(Collection<Long> messageIds) {
    if (messageIds.isEmpty()) {
      return List.of();
    }
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                BY_MESSAGES,
                statement -> {
                  Array array =
                      statement
                          .getConnection()
                          .createArrayOf("bigint", messageIds.toArray(Long[]::new));
                  List<Attachment> found = new ArrayList<>();
                  try {
                    statement.setArray(1, array);
                    try (ResultSet rs = statement.executeQuery()) {
                      while (rs.next()) {
                        found.add(toDomain(jdbc.readEntity(rs, AttachmentRow.class)));
                      }
                    }
                  } finally {
                    array.free();
                  }
                  return List.copyOf(found);
                }));
  }

  @Override
  public long storedBytesOf(long uploaderId) {
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                STORED_BYTES,
                statement -> {
                  statement.setLong(1, uploaderId);
                  try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                  }
                }));
  }

  @Override
  public int deleteUnwanted(Instant unsentBefore, int limit) {
    OffsetDateTime cutoff = OffsetDateTime.ofInstant(unsentBefore, ZoneOffset.UTC);
    return tx.executeWrite(
        status ->
            jdbc.prepareStatement(
                DELETE_UNWANTED,
                statement -> {
                  statement.setObject(1, cutoff);
                  statement.setInt(2, limit);
                  statement.setObject(3, cutoff);
                  return statement.executeUpdate();
                }));
  }

  @Override
  public List<String> filesToRemove(int limit) {
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                FILES_TO_REMOVE,
                statement -> {
                  statement.setInt(1, limit);
                  List<String> keys = new ArrayList<>();
                  try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                      keys.add(rs.getString(1));
                    }
                  }
                  return List.copyOf(keys);
                }));
  }

  @Override
  public void filesRemoved(Collection<String> storageKeys) {
    if (storageKeys.isEmpty()) {
      return;
    }
    tx.executeWrite(
        status ->
            jdbc.prepareStatement(
                FILES_REMOVED,
                statement -> {
                  Array array =
                      statement
                          .getConnection()
                          .createArrayOf("varchar", storageKeys.toArray(String[]::new));
                  try {
                    statement.setArray(1, array);
                    return statement.executeUpdate();
                  } finally {
                    array.free();
                  }
                }));
  }

  static Attachment toDomain(AttachmentRow row) {
    return new Attachment(
        row.id(),
        row.channelId(),
        row.uploaderId(),
        // Rows stored before names were cleaned on upload are cleaned on the way out.
        Filename.shown(row.filename()),
        row.contentType(),
        row.sizeBytes(),
        row.sha256(),
        row.storageKey(),
        row.createdAt(),
        row.messageId());
  }
}
