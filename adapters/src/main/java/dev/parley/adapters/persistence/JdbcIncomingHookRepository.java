package dev.parley.adapters.persistence;

import dev.parley.application.port.out.IncomingHookRepository;
import dev.parley.domain.webhook.IncomingHook;
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
import java.util.List;
import java.util.Optional;

/** {@link IncomingHookRepository} on PostgreSQL's {@code incoming_webhooks} table. */
@Singleton
public class JdbcIncomingHookRepository implements IncomingHookRepository {
  private static final String INSERT =
      "INSERT INTO incoming_webhooks"
          + " (channel_id, poster_id, name, secret_hash, created_by, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
  private static final String FIND_ACTIVE =
      "SELECT * FROM incoming_webhooks WHERE id = ? AND revoked_at IS NULL";
  private static final String ACTIVE_IN_CHANNEL =
      "SELECT * FROM incoming_webhooks WHERE channel_id = ? AND revoked_at IS NULL"
          + " ORDER BY created_at, id";
  private static final String REVOKE =
      "UPDATE incoming_webhooks SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";
  private static final String REPLACE_SECRET =
      "UPDATE incoming_webhooks SET secret_hash = ? WHERE id = ? AND revoked_at IS NULL";

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;

  JdbcIncomingHookRepository(JdbcOperations jdbc, TransactionOperations<Connection> tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @Override
  public IncomingHook create(NewHook hook) {
    long id =
        tx.executeWrite(
            status ->
                jdbc.prepareStatement(
                    INSERT,
                    statement -> {
                      statement.setLong(1, hook.channelId());
                      statement.setLong(2, hook.posterId());
                      statement.setString(3, hook.name());
                      statement.setString(4, hook.secretHash());
                      statement.setLong(5, hook.createdBy());
                      statement.setObject(6, utc(hook.createdAt()));
                      try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                      }
                    }));
    return new IncomingHook(
        id, hook.channelId(), hook.posterId(), hook.name(), hook.createdBy(), hook.createdAt());
  }

  @Override
  public Optional<ActiveHook> findActive(long id) {
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                FIND_ACTIVE,
                statement -> {
                  statement.setLong(1, id);
                  try (ResultSet rs = statement.executeQuery()) {
                    return rs.next()
                        ? Optional.of(new ActiveHook(read(rs), rs.getString("secret_hash")))
                        : Optional.<ActiveHook>empty();
                  }
                }));
  }

  @Override
  public List<IncomingHook> activeInChannel(long channelId) {
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                ACTIVE_IN_CHANNEL,
                statement -> {
                  statement.setLong(1, channelId);
                  List<IncomingHook> hooks = new ArrayList<>();
                  try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                      hooks.add(read(rs));
                    }
                  }
                  return hooks;
                }));
  }

  @Override
  public boolean revoke(long id, Instant at) {
    return update(REVOKE, utc(at), id);
  }

  @Override
  public boolean replaceSecret(long id, String secretHash) {
    return update(REPLACE_SECRET, secretHash, id);
  }

  /** Runs an update of one active webhook, its id bound last; whether a row changed. */
  private boolean update(String sql, Object value, long id) {
    return tx.executeWrite(
        status ->
            jdbc.prepareStatement(
                sql,
                statement -> {
                  statement.setObject(1, value);
                  statement.setLong(2, id);
                  return statement.executeUpdate() == 1;
                }));
  }

  private static IncomingHook read(ResultSet rs) throws SQLException {
    return new IncomingHook(
        rs.getLong("id"),
        rs.getLong("channel_id"),
        rs.getLong("poster_id"),
        rs.getString("name"),
        rs.getLong("created_by"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
