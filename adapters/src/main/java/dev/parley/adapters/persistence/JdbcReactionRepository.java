package dev.parley.adapters.persistence;

import dev.parley.application.port.out.ReactionRepository;
import dev.parley.domain.message.ReactionCount;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ReactionRepository} on PostgreSQL. An add first locks the message's row, so adds to one
 * message are checked against the bounds and inserted one after the other (rows inserted by a
 * concurrent transaction would be invisible to a plain count). {@code FOR NO KEY UPDATE} does not
 * block the foreign-key checks of new reactions or replies, only other adds and edits of that
 * message, for the few statements of an add.
 */
@Singleton
public class JdbcReactionRepository implements ReactionRepository {
  private static final String LOCK_MESSAGE =
      "SELECT id FROM messages WHERE id = ? FOR NO KEY UPDATE";

  private static final String STATE =
      "SELECT COUNT(*) FILTER (WHERE user_id = ? AND emoji = ?) AS mine,"
          + " COUNT(*) FILTER (WHERE user_id = ?) AS by_user,"
          + " COUNT(*) FILTER (WHERE emoji = ?) AS same_emoji,"
          + " COUNT(DISTINCT emoji) AS emojis"
          + " FROM reactions WHERE message_id = ?";

  private static final String ADD =
      "INSERT INTO reactions (message_id, user_id, emoji, created_at) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT DO NOTHING";

  // COLLATE "C" orders emojis by code point whatever the database's locale.
  private static final String FOR_MESSAGES = countsOf("message_id = ANY (?)");

  /** Reaction counts of the messages {@code condition} selects, in the order pages show them. */
  static String countsOf(String condition) {
    return "SELECT message_id, emoji, array_agg(user_id ORDER BY created_at, user_id) AS user_ids"
        + " FROM reactions WHERE "
        + condition
        + " GROUP BY message_id, emoji"
        + " ORDER BY message_id, MIN(created_at), emoji COLLATE \"C\"";
  }

  /** Reads the rows of a {@link #countsOf} query, grouped by message. */
  static Map<Long, List<ReactionCount>> readCounts(ResultSet rs) throws SQLException {
    Map<Long, List<ReactionCount>> byMessage = new LinkedHashMap<>();
    while (rs.next()) {
      List<Long> userIds = Arrays.asList((Long[]) rs.getArray("user_ids").getArray());
      byMessage
          .computeIfAbsent(rs.getLong("message_id"), id -> new ArrayList<>())
          .add(new ReactionCount(rs.getString("emoji"), userIds.size(), List.copyOf(userIds)));
    }
    return byMessage;
  }

  private final ReactionRowRepository rows;
  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;

  JdbcReactionRepository(
      ReactionRowRepository rows, JdbcOperations jdbc, TransactionOperations<Connection> tx) {
    this.rows = rows;
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @Override
  public Added add(long messageId, long userId, String emoji, Instant at, Bounds bounds) {
    try {
      return tx.executeWrite(
          status ->
              jdbc.execute(
                  connection -> addLocked(connection, messageId, userId, emoji, at, bounds)));
    } catch (DataAccessException e) {
      if (SqlErrors.isForeignKeyViolation(e)) {
        throw new IllegalStateException("No message " + messageId + " or user " + userId, e);
      }
      throw e;
    }
  }

  private static Added addLocked(
      Connection connection, long messageId, long userId, String emoji, Instant at, Bounds bounds)
      throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement(LOCK_MESSAGE)) {
      lock.setLong(1, messageId);
      try (ResultSet rs = lock.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("No message " + messageId);
        }
      }
    }
    try (PreparedStatement state = connection.prepareStatement(STATE)) {
      state.setLong(1, userId);
      state.setString(2, emoji);
      state.setLong(3, userId);
      state.setString(4, emoji);
      state.setLong(5, messageId);
      try (ResultSet rs = state.executeQuery()) {
        rs.next();
        if (rs.getLong("mine") > 0) {
          return Added.ALREADY;
        }
        if (rs.getLong("by_user") >= bounds.perUser()) {
          return Added.TOO_MANY_BY_USER;
        }
        if (rs.getLong("same_emoji") == 0 && rs.getLong("emojis") >= bounds.distinctPerMessage()) {
          return Added.TOO_MANY_EMOJIS;
        }
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(ADD)) {
      insert.setLong(1, messageId);
      insert.setLong(2, userId);
      insert.setString(3, emoji);
      insert.setObject(4, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
      return insert.executeUpdate() > 0 ? Added.ADDED : Added.ALREADY;
    }
  }

  @Override
  public boolean remove(long messageId, long userId, String emoji) {
    return rows.remove(messageId, userId, emoji) > 0;
  }

  @Override
  public int count(long messageId, String emoji) {
    return Math.toIntExact(rows.count(messageId, emoji));
  }

  @Override
  public Map<Long, List<ReactionCount>> forMessages(Collection<Long> messageIds) {
    if (messageIds.isEmpty()) {
      return Map.of();
    }
    Map<Long, List<ReactionCount>> found =
        tx.executeRead(
            status ->
                jdbc.prepareStatement(
                    FOR_MESSAGES,
                    statement -> {
                      Array ids =
                          statement
                              .getConnection()
                              .createArrayOf("bigint", messageIds.toArray(Long[]::new));
                      statement.setArray(1, ids);
                      try (ResultSet rs = statement.executeQuery()) {
                        return readCounts(rs);
                      } finally {
                        ids.free();
                      }
                    }));
    return Collections.unmodifiableMap(found);
  }
}
