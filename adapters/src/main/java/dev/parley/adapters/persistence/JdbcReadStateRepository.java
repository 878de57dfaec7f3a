package dev.parley.adapters.persistence;

import dev.parley.application.port.out.ReadStateRepository;
import dev.parley.domain.channel.ChannelState;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@link ReadStateRepository} on PostgreSQL. Unread counts are {@code channels.last_seq} minus the
 * read position, and mentions are counted on the (user_id, channel_id, seq) index above it, so
 * neither walks the messages.
 */
@Singleton
public class JdbcReadStateRepository implements ReadStateRepository {
  private static final String MARK_READ =
      "INSERT INTO read_states (user_id, channel_id, last_read_seq, updated_at)"
          + " VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (user_id, channel_id) DO UPDATE"
          + " SET last_read_seq = GREATEST(read_states.last_read_seq, EXCLUDED.last_read_seq),"
          + " updated_at = EXCLUDED.updated_at"
          + " RETURNING last_read_seq";

  /**
   * The state of each channel of a {@code visible (id, server_id, last_seq)} set, given before it:
   * the user's read position and mentions above it (two parameters, both the user).
   */
  private static final String STATES_OF_VISIBLE =
      " SELECT v.id, v.server_id, v.last_seq,"
          + " COALESCE(r.last_read_seq, 0) AS last_read_seq,"
          + " (SELECT COUNT(*) FROM mentions m WHERE m.user_id = ? AND m.channel_id = v.id"
          + " AND m.seq > COALESCE(r.last_read_seq, 0)) AS mentions"
          + " FROM visible v"
          + " LEFT JOIN read_states r ON r.user_id = ? AND r.channel_id = v.id"
          + " ORDER BY v.id";

  // Two branches rather than an OR, so each can walk its own index.
  private static final String STATES_FOR =
      "WITH visible AS ("
          + " SELECT c.id, c.server_id, c.last_seq FROM memberships ms"
          + " JOIN channels c ON c.server_id = ms.server_id AND c.kind <> 'THREAD'"
          + " WHERE ms.user_id = ?"
          + " UNION ALL"
          + " SELECT c.id, c.server_id, c.last_seq FROM channel_participants p"
          + " JOIN channels c ON c.id = p.channel_id AND c.server_id IS NULL WHERE p.user_id = ?)"
          + STATES_OF_VISIBLE;

  private static final String STATE_OF =
      "WITH visible AS (SELECT id, server_id, last_seq FROM channels WHERE id = ?)"
          + STATES_OF_VISIBLE;

  private static final String ADD_MENTION =
      "INSERT INTO mentions (message_id, user_id, channel_id, seq) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT DO NOTHING";

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;

  JdbcReadStateRepository(JdbcOperations jdbc, TransactionOperations<Connection> tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @Override
  public long markRead(long userId, long channelId, long seq, Instant at) {
    try {
      return tx.executeWrite(
          status ->
              jdbc.prepareStatement(
                  MARK_READ,
                  statement -> {
                    statement.setLong(1, userId);
                    statement.setLong(2, channelId);
                    statement.setLong(3, seq);
                    statement.setObject(4, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                    try (ResultSet rs = statement.executeQuery()) {
                      rs.next();
                      return rs.getLong(1);
                    }
                  }));
    } catch (DataAccessException e) {
      if (SqlErrors.isForeignKeyViolation(e)) {
        throw new IllegalStateException("No user " + userId + " or channel " + channelId, e);
      }
      throw e;
    }
  }

  @Override
  public List<ChannelState> statesFor(long userId) {
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                STATES_FOR,
                statement -> {
                  for (int i = 1; i <= 4; i++) {
                    statement.setLong(i, userId);
                  }
                  List<ChannelState> states = new ArrayList<>();
                  try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                      states.add(state(rs));
                    }
                  }
                  return states;
                }));
  }

  @Override
  public ChannelState stateOf(long userId, long channelId) {
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                STATE_OF,
                statement -> {
                  statement.setLong(1, channelId);
                  statement.setLong(2, userId);
                  statement.setLong(3, userId);
                  try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next()) {
                      throw new IllegalStateException("No channel " + channelId);
                    }
                    return state(rs);
                  }
                }));
  }

  private static ChannelState state(ResultSet rs) throws SQLException {
    return new ChannelState(
        rs.getLong("id"),
        rs.getObject("server_id", Long.class),
        rs.getLong("last_seq"),
        rs.getLong("last_read_seq"),
        rs.getInt("mentions"));
  }

  @Override
  public void addMentions(long messageId, long channelId, long seq, Collection<Long> userIds) {
    if (userIds.isEmpty()) {
      return;
    }
    try {
      tx.executeWrite(
          status ->
              jdbc.prepareStatement(
                  ADD_MENTION,
                  statement -> {
                    for (long userId : userIds) {
                      statement.setLong(1, messageId);
                      statement.setLong(2, userId);
                      statement.setLong(3, channelId);
                      statement.setLong(4, seq);
                      statement.addBatch();
                    }
                    return statement.executeBatch();
                  }));
    } catch (DataAccessException e) {
      if (SqlErrors.isForeignKeyViolation(e)) {
        throw new IllegalStateException(
            "No message " + messageId + ", channel " + channelId + " or user in " + userIds, e);
      }
      throw e;
    }
  }
}
