package dev.parley.adapters.persistence;

import dev.parley.application.port.out.WebhookStore;
import dev.parley.domain.webhook.Webhook;
import dev.parley.domain.webhook.WebhookDelivery;
import dev.parley.domain.webhook.WebhookEventType;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
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
 * {@link WebhookStore} on PostgreSQL: subscriptions and their delivery log. A new subscription
 * starts the feed of its server's channels at their current positions, in its own transaction.
 */
@Singleton
public class JdbcWebhookStore implements WebhookStore {
  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;
  private final Statements statements;

  JdbcWebhookStore(JdbcOperations jdbc, TransactionOperations<Connection> tx) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.statements = new Statements(jdbc, tx);
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
    return statements.read(
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
    return statements.read(
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
    statements.update(
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
    statements.update(
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
    return statements.read(
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
  public void recordAttempt(
      long webhookId,
      long eventId,
      String eventType,
      int attempt,
      Integer statusCode,
      String error,
      long durationMillis,
      Instant at) {
    statements.update(
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
    return statements.write(
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
    statements.update(
        "UPDATE webhooks SET consecutive_failures = 0 WHERE id = ? AND consecutive_failures <> 0",
        s -> s.setLong(1, webhookId));
  }

  @Override
  public void disable(long webhookId, String reason) {
    statements.update(
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

  @Override
  public int forgetDeliveriesBefore(Instant cutoff) {
    return statements.update(
        "DELETE FROM webhook_deliveries WHERE at < ?", s -> SqlTimes.set(s, 1, cutoff));
  }
}
