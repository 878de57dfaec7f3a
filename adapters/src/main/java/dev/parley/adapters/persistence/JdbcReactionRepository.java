package dev.parley.adapters.persistence;

import dev.parley.application.port.out.ReactionRepository;
import dev.parley.domain.message.ReactionCount;
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
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ReactionRepository} on PostgreSQL. A repeated reaction is skipped by {@code ON CONFLICT}
 * rather than caught as a unique violation, which would abort a caller's transaction.
 */
@Singleton
public class JdbcReactionRepository implements ReactionRepository {
  private static final String ADD =
      "INSERT INTO reactions (message_id, user_id, emoji, created_at) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT DO NOTHING";

  // COLLATE "C" orders emojis by code point whatever the database's locale.
  private static final String FOR_MESSAGES =
      "SELECT message_id, emoji, array_agg(user_id ORDER BY created_at, user_id) AS user_ids"
          + " FROM reactions WHERE message_id = ANY (?)"
          + " GROUP BY message_id, emoji"
          + " ORDER BY message_id, MIN(created_at), emoji COLLATE \"C\"";

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
  public boolean add(long messageId, long userId, String emoji, Instant at) {
    try {
      int inserted =
          tx.executeWrite(
              status ->
                  jdbc.prepareStatement(
                      ADD,
                      statement -> {
                        statement.setLong(1, messageId);
                        statement.setLong(2, userId);
                        statement.setString(3, emoji);
                        statement.setObject(4, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                        return statement.executeUpdate();
                      }));
      return inserted > 0;
    } catch (DataAccessException e) {
      if (SqlErrors.isForeignKeyViolation(e)) {
        throw new IllegalStateException("No message " + messageId + " or user " + userId, e);
      }
      throw e;
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
                      Map<Long, List<ReactionCount>> byMessage = new LinkedHashMap<>();
                      try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                          List<Long> userIds =
                              Arrays.asList((Long[]) rs.getArray("user_ids").getArray());
                          byMessage
                              .computeIfAbsent(rs.getLong("message_id"), id -> new ArrayList<>())
                              .add(
                                  new ReactionCount(
                                      rs.getString("emoji"), userIds.size(), List.copyOf(userIds)));
                        }
                      } finally {
                        ids.free();
                      }
                      return byMessage;
                    }));
    return Collections.unmodifiableMap(found);
  }
}
