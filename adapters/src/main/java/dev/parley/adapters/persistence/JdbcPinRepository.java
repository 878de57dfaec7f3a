package dev.parley.adapters.persistence;

import dev.parley.application.port.out.PinRepository;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PinRepository} on PostgreSQL. A pin first locks its channel's row, so two pins racing for
 * a channel's last free place are counted one after the other; the change log takes the same lock
 * for the pin's position a moment later, so nothing else waits longer than it did.
 */
@Singleton
public class JdbcPinRepository implements PinRepository {
  private static final String LOCK_CHANNEL =
      "SELECT id FROM channels WHERE id = ? FOR NO KEY UPDATE";

  private static final String STATE =
      "SELECT EXISTS (SELECT 1 FROM pins WHERE message_id = ?) AS pinned,"
          + " (SELECT COUNT(*) FROM pins p JOIN messages m ON m.id = p.message_id"
          + " WHERE p.channel_id = ? AND m.deleted_at IS NULL) AS live";

  private static final String PIN =
      "INSERT INTO pins (message_id, channel_id, pinned_by, pinned_at) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT DO NOTHING";

  private static final String UNPIN = "DELETE FROM pins WHERE message_id = ?";

  private static final String IN_CHANNEL =
      "SELECT m.*, p.pinned_by, p.pinned_at FROM pins p JOIN messages m ON m.id = p.message_id"
          + " WHERE p.channel_id = ? AND m.deleted_at IS NULL"
          + " ORDER BY p.pinned_at DESC, p.message_id DESC";

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;

  JdbcPinRepository(JdbcOperations jdbc, TransactionOperations<Connection> tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @Override
  public Pinned pin(long channelId, long messageId, long userId, Instant at, int limit) {
    try {
      return tx.executeWrite(
          status ->
              jdbc.execute(
                  connection -> pinLocked(connection, channelId, messageId, userId, at, limit)));
    } catch (DataAccessException e) {
      if (SqlErrors.isForeignKeyViolation(e)) {
        throw new IllegalStateException("No message " + messageId + " or user " + userId, e);
      }
      throw e;
    }
  }

  private static Pinned pinLocked(
      Connection connection, long channelId, long messageId, long userId, Instant at, int limit)
      throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement(LOCK_CHANNEL)) {
      lock.setLong(1, channelId);
      try (ResultSet rs = lock.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("No channel " + channelId);
        }
      }
    }
    try (PreparedStatement state = connection.prepareStatement(STATE)) {
      state.setLong(1, messageId);
      state.setLong(2, channelId);
      try (ResultSet rs = state.executeQuery()) {
        rs.next();
        if (rs.getBoolean("pinned")) {
          return Pinned.ALREADY;
        }
        if (rs.getLong("live") >= limit) {
          return Pinned.FULL;
        }
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(PIN)) {
      insert.setLong(1, messageId);
      insert.setLong(2, channelId);
      insert.setLong(3, userId);
      insert.setObject(4, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
      return insert.executeUpdate() > 0 ? Pinned.PINNED : Pinned.ALREADY;
    }
  }

  @Override
  public boolean unpin(long messageId) {
    return tx.executeWrite(
        status ->
            jdbc.prepareStatement(
                UNPIN,
                statement -> {
                  statement.setLong(1, messageId);
                  return statement.executeUpdate() > 0;
                }));
  }

  @Override
  public List<StoredPin> inChannel(long channelId) {
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                IN_CHANNEL,
                statement -> {
                  statement.setLong(1, channelId);
                  List<StoredPin> pins = new ArrayList<>();
                  try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                      pins.add(
                          new StoredPin(
                              JdbcMessageRepository.toDomain(jdbc.readEntity(rs, MessageRow.class)),
                              rs.getLong("pinned_by"),
                              rs.getObject("pinned_at", OffsetDateTime.class).toInstant()));
                    }
                  }
                  return pins;
                }));
  }
}
