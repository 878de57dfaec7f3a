package dev.parley.adapters.persistence;

import dev.parley.application.port.out.ChannelChangeLog;
import dev.parley.domain.message.Message;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ChannelChangeLog} on PostgreSQL: creations are the {@code messages} rows with their {@code
 * pos}, later changes rows of {@code channel_changes}. Recording bumps {@code channels.last_pos}
 * and inserts in one statement, so the channel's row lock orders positions as commits.
 */
@Singleton
public class JdbcChannelChangeLog implements ChannelChangeLog {
  private static final String RECORD =
      "WITH p AS (UPDATE channels SET last_pos = last_pos + 1 WHERE id = ? RETURNING last_pos)"
          + " INSERT INTO channel_changes"
          + " (channel_id, pos, kind, message_id, actor_id, content, emoji, added, count, at)"
          + " SELECT ?, p.last_pos, ?, ?, ?, ?, ?, ?, ?, ? FROM p RETURNING pos";

  /**
   * Creations after a position. Positions and seqs both grow with each creation, so the messages
   * created after {@code pos} are among the newest {@code last_pos - pos}: bounding seq by that
   * lets the (channel_id, seq) index find them without an index on pos.
   */
  private static final String CREATED_AFTER =
      "SELECT * FROM messages WHERE channel_id = ? AND pos > ?"
          + " AND seq > (SELECT last_seq - (last_pos - ?) FROM channels WHERE id = ?)"
          + " ORDER BY seq LIMIT ?";

  private static final String CHANGED_AFTER =
      "SELECT * FROM channel_changes WHERE channel_id = ? AND pos > ? ORDER BY pos LIMIT ?";

  private static final int MAX_POSITIONS = 100_000;

  /** A message by its channel and seq. */
  private record SeqOf(long channelId, long seq) {}

  private final Map<SeqOf, Long> positions = new ConcurrentHashMap<>();

  private static final String POSITION_OF_SEQ =
      "SELECT pos FROM messages WHERE channel_id = ? AND seq = ?";

  private static final String CHANGED_SINCE =
      "SELECT channel_id, MIN(pos) AS pos FROM ("
          + " SELECT channel_id, pos FROM messages WHERE created_at >= ?"
          + " UNION ALL SELECT channel_id, pos FROM channel_changes WHERE at >= ?"
          + ") changed GROUP BY channel_id ORDER BY channel_id LIMIT ?";

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;

  JdbcChannelChangeLog(JdbcOperations jdbc, TransactionOperations<Connection> tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @Override
  public long record(long channelId, Change change) {
    return tx.executeWrite(
        status ->
            jdbc.prepareStatement(
                RECORD,
                statement -> {
                  bindRecord(statement, channelId, change);
                  try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next()) {
                      throw new IllegalStateException("No channel " + channelId);
                    }
                    return rs.getLong(1);
                  }
                }));
  }

  private static void bindRecord(PreparedStatement statement, long channelId, Change change)
      throws SQLException {
    statement.setLong(1, channelId);
    statement.setLong(2, channelId);
    statement.setLong(4, change.messageId());
    statement.setLong(5, change.actorId());
    statement.setNull(6, Types.VARCHAR);
    statement.setNull(7, Types.VARCHAR);
    statement.setNull(8, Types.BOOLEAN);
    statement.setNull(9, Types.INTEGER);
    statement.setObject(10, OffsetDateTime.ofInstant(change.at(), ZoneOffset.UTC));
    if (change instanceof Edited edited) {
      statement.setString(3, "EDITED");
      statement.setString(6, edited.content());
    } else if (change instanceof Deleted) {
      statement.setString(3, "DELETED");
    } else if (change instanceof Reacted reacted) {
      statement.setString(3, "REACTED");
      statement.setString(7, reacted.emoji());
      statement.setBoolean(8, reacted.added());
      statement.setInt(9, reacted.count());
    } else if (change instanceof Pinned pinned) {
      statement.setString(3, "PINNED");
      statement.setBoolean(8, pinned.pinned());
    }
  }

  @Override
  public List<Entry> after(long channelId, long afterPos, int limit) {
    return tx.executeRead(
        status -> {
          List<Entry> created = created(channelId, afterPos, limit);
          List<Entry> changed = changed(channelId, afterPos, limit);
          return merged(created, changed, limit);
        });
  }

  private List<Entry> created(long channelId, long afterPos, int limit) {
    return jdbc.prepareStatement(
        CREATED_AFTER,
        statement -> {
          statement.setLong(1, channelId);
          statement.setLong(2, afterPos);
          statement.setLong(3, afterPos);
          statement.setLong(4, channelId);
          statement.setInt(5, limit);
          List<Entry> entries = new ArrayList<>();
          try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
              Message m = JdbcMessageRepository.toDomain(jdbc.readEntity(rs, MessageRow.class));
              entries.add(new Created(m.pos(), m));
            }
          }
          return entries;
        });
  }

  private List<Entry> changed(long channelId, long afterPos, int limit) {
    return jdbc.prepareStatement(
        CHANGED_AFTER,
        statement -> {
          statement.setLong(1, channelId);
          statement.setLong(2, afterPos);
          statement.setInt(3, limit);
          List<Entry> entries = new ArrayList<>();
          try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
              entries.add(new Changed(rs.getLong("pos"), change(rs)));
            }
          }
          return entries;
        });
  }

  private static Change change(ResultSet rs) throws SQLException {
    long messageId = rs.getLong("message_id");
    long actorId = rs.getLong("actor_id");
    Instant at = rs.getObject("at", OffsetDateTime.class).toInstant();
    return switch (rs.getString("kind")) {
      case "EDITED" -> new Edited(messageId, actorId, rs.getString("content"), at);
      case "DELETED" -> new Deleted(messageId, actorId, at);
      case "REACTED" ->
          new Reacted(
              messageId,
              actorId,
              rs.getString("emoji"),
              rs.getBoolean("added"),
              rs.getInt("count"),
              at);
      case "PINNED" -> new Pinned(messageId, actorId, rs.getBoolean("added"), at);
      default -> throw new IllegalStateException("unknown change kind " + rs.getString("kind"));
    };
  }

  /** Both lists are in position order: merge them, keeping the first {@code limit}. */
  private static List<Entry> merged(List<Entry> a, List<Entry> b, int limit) {
    List<Entry> all = new ArrayList<>(Math.min(limit, a.size() + b.size()));
    int i = 0;
    int j = 0;
    while (all.size() < limit && (i < a.size() || j < b.size())) {
      if (j >= b.size() || (i < a.size() && a.get(i).pos() < b.get(j).pos())) {
        all.add(a.get(i++));
      } else {
        all.add(b.get(j++));
      }
    }
    return all;
  }

  @Override
  public long positionOfSeq(long channelId, long seq) {
    if (seq <= 0) {
      return 0;
    }
    // A message's creation position never changes once committed: kept without invalidation.
    SeqOf key = new SeqOf(channelId, seq);
    Long known = positions.get(key);
    if (known != null) {
      return known;
    }
    long pos = readPositionOfSeq(channelId, seq);
    // Inside a transaction the message may be its own, uncommitted: a rollback frees the seq.
    if (pos > 0 && tx.findTransactionStatus().isEmpty()) {
      if (positions.size() >= MAX_POSITIONS) {
        positions.clear();
      }
      positions.put(key, pos);
    }
    return pos;
  }

  private long readPositionOfSeq(long channelId, long seq) {
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                POSITION_OF_SEQ,
                statement -> {
                  statement.setLong(1, channelId);
                  statement.setLong(2, seq);
                  try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                  }
                }));
  }

  @Override
  public Map<Long, Long> changedSince(Instant since, int limit) {
    return tx.executeRead(status -> changedSinceQuery(since, limit));
  }

  private Map<Long, Long> changedSinceQuery(Instant since, int limit) {
    return jdbc.prepareStatement(
        CHANGED_SINCE,
        statement -> {
          OffsetDateTime from = OffsetDateTime.ofInstant(since, ZoneOffset.UTC);
          statement.setObject(1, from);
          statement.setObject(2, from);
          statement.setInt(3, limit);
          Map<Long, Long> changed = new LinkedHashMap<>();
          try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
              changed.put(rs.getLong("channel_id"), rs.getLong("pos"));
            }
          }
          return changed;
        });
  }
}
