package dev.parley.adapters.persistence;

import dev.parley.application.port.out.WebhookStore;
import dev.parley.domain.webhook.Webhook;
import dev.parley.domain.webhook.WebhookDelivery;
import dev.parley.domain.webhook.WebhookEventType;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link WebhookStore} on PostgreSQL: the outbox is claimed with {@code FOR UPDATE SKIP LOCKED} and
 * a lease, so each row is sent by one node at a time and a crashed node's rows come back.
 */
@Singleton
public class JdbcWebhookStore implements WebhookStore {
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

  JdbcWebhookStore(JdbcOperations jdbc, TransactionOperations<Connection> tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @Override
  public Webhook create(
      long serverId, String url, Set<WebhookEventType> events, String secret, Instant at) {
    return tx.executeWrite(
        status -> {
          // Feeding starts at each channel's current position, in the same transaction, so no
          // history is sent and nothing after this moment is missed.
          jdbc.prepareStatement(
              "INSERT INTO webhook_feed_cursors (channel_id, pos) SELECT id, last_pos FROM channels"
                  + " WHERE server_id = ? AND kind IN ('TEXT', 'THREAD')"
                  + " ON CONFLICT (channel_id) DO NOTHING",
              s -> {
                s.setLong(1, serverId);
                return s.executeUpdate();
              });
          return jdbc.prepareStatement(
              "INSERT INTO webhooks (server_id, url, events, secret, created_at)"
                  + " VALUES (?, ?, ?, ?, ?) RETURNING *",
              s -> {
                s.setLong(1, serverId);
                s.setString(2, url);
                s.setString(3, names(events));
                s.setString(4, secret);
                SqlTimes.set(s, 5, at);
                try (ResultSet rs = s.executeQuery()) {
                  rs.next();
                  return webhook(rs);
                }
              });
        });
  }

  @Override
  public Optional<Webhook> find(long webhookId) {
    return read(
        "SELECT * FROM webhooks WHERE id = ?",
        s -> {
          s.setLong(1, webhookId);
          try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(webhook(rs)) : Optional.empty();
          }
        });
  }

  @Override
  public List<Webhook> listByServer(long serverId) {
    return read(
        "SELECT * FROM webhooks WHERE server_id = ? ORDER BY id",
        s -> {
          s.setLong(1, serverId);
          List<Webhook> all = new ArrayList<>();
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              all.add(webhook(rs));
            }
          }
          return all;
        });
  }

  @Override
  public void save(Webhook w) {
    update(
        "UPDATE webhooks SET url = ?, events = ?, active = ?, disabled_reason = ?,"
            + " consecutive_failures = ? WHERE id = ?",
        s -> {
          s.setString(1, w.url());
          s.setString(2, names(w.events()));
          s.setBoolean(3, w.active());
          s.setString(4, w.disabledReason());
          s.setInt(5, w.consecutiveFailures());
          s.setLong(6, w.id());
        });
  }

  @Override
  public void changeSecret(long webhookId, String secret) {
    update(
        "UPDATE webhooks SET secret = ? WHERE id = ?",
        s -> {
          s.setString(1, secret);
          s.setLong(2, webhookId);
        });
  }

  @Override
  public void delete(long webhookId) {
    tx.executeWrite(
        status -> {
          long serverId =
              jdbc.prepareStatement(
                  "DELETE FROM webhooks WHERE id = ? RETURNING server_id",
                  s -> {
                    s.setLong(1, webhookId);
                    try (ResultSet rs = s.executeQuery()) {
                      return rs.next() ? rs.getLong(1) : 0L;
                    }
                  });
          // The server's last webhook gone, its cursors go too: a later webhook starts afresh.
          return jdbc.prepareStatement(
              "DELETE FROM webhook_feed_cursors WHERE channel_id IN (SELECT id FROM channels"
                  + " WHERE server_id = ?) AND NOT EXISTS (SELECT 1 FROM webhooks WHERE"
                  + " server_id = ?)",
              s -> {
                s.setLong(1, serverId);
                s.setLong(2, serverId);
                return s.executeUpdate();
              });
        });
  }

  @Override
  public List<WebhookDelivery> deliveries(long webhookId, long beforeId, int limit) {
    return read(
        "SELECT * FROM webhook_deliveries WHERE webhook_id = ? AND (? = 0 OR id < ?)"
            + " ORDER BY id DESC LIMIT ?",
        s -> {
          s.setLong(1, webhookId);
          s.setLong(2, beforeId);
          s.setLong(3, beforeId);
          s.setInt(4, limit);
          List<WebhookDelivery> all = new ArrayList<>();
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              int code = rs.getInt("status_code");
              Integer status = rs.wasNull() ? null : code;
              all.add(
                  new WebhookDelivery(
                      rs.getLong("id"),
                      rs.getLong("webhook_id"),
                      rs.getLong("outbox_id"),
                      rs.getString("event_type"),
                      rs.getInt("attempt"),
                      status,
                      rs.getString("error"),
                      rs.getLong("duration_ms"),
                      SqlTimes.get(rs, "at")));
            }
          }
          return all;
        });
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
    return read(
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
    update(
        "INSERT INTO webhook_feed_cursors (channel_id, pos) VALUES (?, ?)"
            + " ON CONFLICT (channel_id) DO UPDATE SET pos = EXCLUDED.pos",
        s -> {
          s.setLong(1, channelId);
          s.setLong(2, pos);
        });
  }

  @Override
  public List<Long> serversWithMemberChanges() {
    return read(
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
    return read(
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
    update(
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
    return write(
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
    update("DELETE FROM webhook_outbox WHERE id = ?", s -> s.setLong(1, eventId));
  }

  @Override
  public void retryAt(long eventId, Instant at) {
    update(
        "UPDATE webhook_outbox SET next_attempt_at = ?, leased_until = NULL WHERE id = ?",
        s -> {
          SqlTimes.set(s, 1, at);
          s.setLong(2, eventId);
        });
  }

  @Override
  public void recordAttempt(
      long webhookId,
      long eventId,
      String eventType,
      int attempt,
      Integer statusCode,
      String error,
      long durationMillis,
      Instant at) {
    update(
        "INSERT INTO webhook_deliveries (webhook_id, outbox_id, event_type, attempt, status_code,"
            + " error, duration_ms, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        s -> {
          s.setLong(1, webhookId);
          s.setLong(2, eventId);
          s.setString(3, eventType);
          s.setInt(4, attempt);
          if (statusCode == null) {
            s.setNull(5, Types.INTEGER);
          } else {
            s.setInt(5, statusCode);
          }
          s.setString(6, error == null ? null : truncate(error, 500));
          s.setLong(7, durationMillis);
          SqlTimes.set(s, 8, at);
        });
  }

  @Override
  public int countFailure(long webhookId) {
    return write(
        "UPDATE webhooks SET consecutive_failures = consecutive_failures + 1 WHERE id = ?"
            + " RETURNING consecutive_failures",
        s -> {
          s.setLong(1, webhookId);
          try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
          }
        });
  }

  @Override
  public void resetFailures(long webhookId) {
    update(
        "UPDATE webhooks SET consecutive_failures = 0 WHERE id = ? AND consecutive_failures <> 0",
        s -> s.setLong(1, webhookId));
  }

  @Override
  public void disable(long webhookId, String reason) {
    update(
        "UPDATE webhooks SET active = FALSE, disabled_reason = ? WHERE id = ? AND active",
        s -> {
          s.setString(1, truncate(reason, 500));
          s.setLong(2, webhookId);
        });
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private static String names(Set<WebhookEventType> events) {
    return events.stream().sorted().map(WebhookEventType::wire).collect(Collectors.joining(","));
  }

  private static Webhook webhook(ResultSet rs) throws SQLException {
    Set<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
    Arrays.stream(rs.getString("events").split(","))
        .map(WebhookEventType::ofWire)
        .flatMap(Optional::stream)
        .forEach(events::add);
    return new Webhook(
        rs.getLong("id"),
        rs.getLong("server_id"),
        rs.getString("url"),
        events,
        rs.getBoolean("active"),
        rs.getString("disabled_reason"),
        rs.getInt("consecutive_failures"),
        SqlTimes.get(rs, "created_at"));
  }

  /** A statement's work, which may throw what JDBC throws. */
  private interface Work<T> {
    T on(PreparedStatement statement) throws SQLException;
  }

  /** Binds a statement's parameters. */
  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private <T> T read(String sql, Work<T> work) {
    return tx.executeRead(status -> jdbc.prepareStatement(sql, work::on));
  }

  private <T> T write(String sql, Work<T> work) {
    return tx.executeWrite(status -> jdbc.prepareStatement(sql, work::on));
  }

  @Override
  public int forgetDeliveriesBefore(Instant cutoff) {
    return update("DELETE FROM webhook_deliveries WHERE at < ?", s -> SqlTimes.set(s, 1, cutoff));
  }

  private int update(String sql, Binder binder) {
    return tx.executeWrite(
        status ->
            jdbc.prepareStatement(
                sql,
                s -> {
                  binder.bind(s);
                  return s.executeUpdate();
                }));
  }
}
