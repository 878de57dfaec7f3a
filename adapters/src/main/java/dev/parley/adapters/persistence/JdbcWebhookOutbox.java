package dev.parley.adapters.persistence;

import dev.parley.application.port.out.WebhookOutbox;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link WebhookOutbox} on PostgreSQL: one feeder at a time (an advisory lock) turns the change log
 * and the member log into outbox rows; rows are claimed with {@code FOR UPDATE SKIP LOCKED} and a
 * lease, so each row is sent by one node at a time and a crashed node's rows come back.
 */
@Singleton
public class JdbcWebhookOutbox implements WebhookOutbox {
  /** Any number, as long as nothing else in the database takes the same advisory lock. */
  private static final long FEED_LOCK = 0x7061726c6579L; // "parley"

  private static final String CLAIM =
      "WITH due AS ("
          + " SELECT o.id FROM webhook_outbox o JOIN webhooks w ON w.id = o.webhook_id"
          + " WHERE w.active AND o.next_attempt_at <= ?"
          + " AND (o.leased_until IS NULL OR o.leased_until < ?)"
          + " AND NOT EXISTS (SELECT 1 FROM webhook_outbox e WHERE e.webhook_id = o.webhook_id"
          + " AND e.stream = o.stream AND e.id < o.id)"
          + " ORDER BY o.id LIMIT ? FOR UPDATE OF o SKIP LOCKED)"
          + " UPDATE webhook_outbox o SET leased_until = ?, attempts = o.attempts + 1"
          + " FROM due, webhooks w WHERE o.id = due.id AND w.id = o.webhook_id"
          + " RETURNING o.id, o.webhook_id, w.url, w.secret, o.type, o.server_id, o.channel_id,"
          + " o.data, o.created_at, o.attempts";

  // A channel without a cursor starts at its current position, unless it is newer than the
  // server's first webhook: then from its beginning, so its first messages are fed too. A
  // thread is fed like a channel (its events carry the thread's id as their channel).
  private static final String START_CURSORS =
      "INSERT INTO webhook_feed_cursors (channel_id, pos)"
          + " SELECT c.id, CASE WHEN c.created_at >= f.first THEN 0 ELSE c.last_pos END"
          + " FROM channels c JOIN (SELECT server_id, MIN(created_at) AS first FROM webhooks"
          + " GROUP BY server_id) f ON f.server_id = c.server_id"
          + " WHERE c.kind IN ('TEXT', 'THREAD') ON CONFLICT (channel_id) DO NOTHING";

  private static final String FORGET_CURSORS =
      "DELETE FROM webhook_feed_cursors k WHERE NOT EXISTS (SELECT 1 FROM channels c"
          + " JOIN webhooks w ON w.server_id = c.server_id WHERE c.id = k.channel_id)";

  private static final String BEHIND =
      "SELECT k.channel_id, k.pos FROM webhook_feed_cursors k JOIN channels c ON c.id ="
          + " k.channel_id WHERE c.last_pos > k.pos ORDER BY k.channel_id LIMIT ?";

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;
  private final Statements statements;

  JdbcWebhookOutbox(JdbcOperations jdbc, TransactionOperations<Connection> tx) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.statements = new Statements(jdbc, tx);
  }

  @Override
  public boolean tryFeedLock() {
    return jdbc.prepareStatement(
        "SELECT pg_try_advisory_xact_lock(?)",
        s -> {
          s.setLong(1, FEED_LOCK);
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
          }
        });
  }

  @Override
  public List<FeedCursor> channelsBehind(int limit) {
    return tx.executeWrite(
        status -> {
          jdbc.prepareStatement(FORGET_CURSORS, PreparedStatement::executeUpdate);
          jdbc.prepareStatement(START_CURSORS, PreparedStatement::executeUpdate);
          return jdbc.prepareStatement(
              BEHIND,
              s -> {
                s.setInt(1, limit);
                List<FeedCursor> all = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                  while (rs.next()) {
                    all.add(new FeedCursor(rs.getLong(1), rs.getLong(2)));
                  }
                }
                return all;
              });
        });
  }

  @Override
  public long cursor(long channelId) {
    return statements.read(
        "SELECT pos FROM webhook_feed_cursors WHERE channel_id = ?",
        s -> {
          s.setLong(1, channelId);
          try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0L;
          }
        });
  }

  @Override
  public void advanceCursor(long channelId, long pos) {
    statements.update(
        "INSERT INTO webhook_feed_cursors (channel_id, pos) VALUES (?, ?)"
            + " ON CONFLICT (channel_id) DO UPDATE SET pos = EXCLUDED.pos",
        s -> {
          s.setLong(1, channelId);
          s.setLong(2, pos);
        });
  }

  @Override
  public List<Long> serversWithMemberChanges() {
    return statements.read(
        "SELECT DISTINCT server_id FROM server_member_log ORDER BY server_id",
        s -> {
          List<Long> all = new ArrayList<>();
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              all.add(rs.getLong(1));
            }
          }
          return all;
        });
  }

  @Override
  public List<MemberChange> memberChanges(long serverId, int limit) {
    return statements.read(
        "SELECT l.*, u.username FROM server_member_log l LEFT JOIN users u ON u.id = l.user_id"
            + " WHERE l.server_id = ? ORDER BY l.pos LIMIT ?",
        s -> {
          s.setLong(1, serverId);
          s.setInt(2, limit);
          List<MemberChange> all = new ArrayList<>();
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              long userId = rs.getLong("user_id");
              String name = rs.getString("username");
              all.add(
                  new MemberChange(
                      serverId,
                      rs.getLong("pos"),
                      userId,
                      name == null ? "user-" + userId : name,
                      rs.getBoolean("joined"),
                      rs.getString("role"),
                      rs.getString("reason")));
            }
          }
          return all;
        });
  }

  @Override
  public void forgetMemberChanges(long serverId, long pos) {
    statements.update(
        "DELETE FROM server_member_log WHERE server_id = ? AND pos <= ?",
        s -> {
          s.setLong(1, serverId);
          s.setLong(2, pos);
        });
  }

  @Override
  public void enqueue(List<OutgoingEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    tx.executeWrite(
        status ->
            jdbc.prepareStatement(
                "INSERT INTO webhook_outbox (webhook_id, stream, type, server_id, channel_id,"
                    + " data, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                s -> {
                  for (OutgoingEvent e : events) {
                    s.setLong(1, e.webhookId());
                    s.setLong(2, e.channelId() == null ? 0L : e.channelId());
                    s.setString(3, e.type());
                    s.setLong(4, e.serverId());
                    if (e.channelId() == null) {
                      s.setNull(5, Types.BIGINT);
                    } else {
                      s.setLong(5, e.channelId());
                    }
                    s.setString(6, e.dataJson());
                    SqlTimes.set(s, 7, e.at());
                    SqlTimes.set(s, 8, e.at());
                    s.addBatch();
                  }
                  return s.executeBatch();
                }));
  }

  @Override
  public List<PendingEvent> claimDue(Instant now, Instant leaseUntil, int limit) {
    return statements.write(
        CLAIM,
        s -> {
          SqlTimes.set(s, 1, now);
          SqlTimes.set(s, 2, now);
          s.setInt(3, limit);
          SqlTimes.set(s, 4, leaseUntil);
          List<PendingEvent> all = new ArrayList<>();
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              long channel = rs.getLong("channel_id");
              Long channelId = rs.wasNull() ? null : channel;
              all.add(
                  new PendingEvent(
                      rs.getLong("id"),
                      rs.getLong("webhook_id"),
                      rs.getString("url"),
                      rs.getString("secret"),
                      rs.getString("type"),
                      rs.getLong("server_id"),
                      channelId,
                      rs.getString("data"),
                      SqlTimes.get(rs, "created_at"),
                      rs.getInt("attempts")));
            }
          }
          all.sort((a, b) -> Long.compare(a.id(), b.id()));
          return all;
        });
  }

  @Override
  public void delivered(long eventId) {
    statements.update("DELETE FROM webhook_outbox WHERE id = ?", s -> s.setLong(1, eventId));
  }

  @Override
  public void retryAt(long eventId, Instant at) {
    statements.update(
        "UPDATE webhook_outbox SET next_attempt_at = ?, leased_until = NULL WHERE id = ?",
        s -> {
          SqlTimes.set(s, 1, at);
          s.setLong(2, eventId);
        });
  }
}
