package dev.parley.adapters.persistence;

import dev.parley.application.port.out.SessionRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link SessionRepository} on PostgreSQL; rotation is a compare-and-set on the current hash that
 * also files the old hash in the session's history.
 */
@Singleton
public class JdbcSessionRepository implements SessionRepository {
  private static final String COLUMNS =
      "id, user_id, refresh_hash, created_at, expires_at, revoked_at";

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;
  private final AccessCache access;

  JdbcSessionRepository(
      JdbcOperations jdbc, TransactionOperations<Connection> tx, AccessCache access) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.access = access;
  }

  @Override
  public void create(Session s) {
    tx.executeWrite(
        status ->
            jdbc.prepareStatement(
                "INSERT INTO sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
                statement -> {
                  statement.setString(1, s.id());
                  statement.setLong(2, s.userId());
                  statement.setString(3, s.refreshHash());
                  SqlTimes.set(statement, 4, s.createdAt());
                  SqlTimes.set(statement, 5, s.expiresAt());
                  SqlTimes.set(statement, 6, s.revokedAt());
                  return statement.executeUpdate();
                }));
  }

  @Override
  public Optional<Session> findById(String id) {
    return findOne("SELECT " + COLUMNS + " FROM sessions WHERE id = ?", id);
  }

  /**
   * Kept in memory between revocations (V13 announces each one on every node); a read inside a
   * transaction is never kept.
   */
  @Override
  public Optional<Standing> standing(String id) {
    if (tx.findTransactionStatus().isPresent()) {
      return SessionRepository.super.standing(id);
    }
    return access.standing(id, () -> SessionRepository.super.standing(id));
  }

  @Override
  public boolean rotate(String id, String expectedHash, String newHash) {
    return tx.executeWrite(
        status -> {
          int updated =
              jdbc.prepareStatement(
                  "UPDATE sessions SET refresh_hash = ?"
                      + " WHERE id = ? AND refresh_hash = ? AND revoked_at IS NULL",
                  statement -> {
                    statement.setString(1, newHash);
                    statement.setString(2, id);
                    statement.setString(3, expectedHash);
                    return statement.executeUpdate();
                  });
          if (updated != 1) {
            return false;
          }
          // Same transaction: an exchanged token is never missing from the history.
          jdbc.prepareStatement(
              "INSERT INTO session_refresh_history (session_id, refresh_hash) VALUES (?, ?)"
                  + " ON CONFLICT DO NOTHING",
              statement -> {
                statement.setString(1, id);
                statement.setString(2, expectedHash);
                return statement.executeUpdate();
              });
          return true;
        });
  }

  @Override
  public List<String> retiredHashes(String id) {
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                "SELECT refresh_hash FROM session_refresh_history WHERE session_id = ?",
                statement -> {
                  statement.setString(1, id);
                  List<String> hashes = new ArrayList<>();
                  try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                      hashes.add(rs.getString(1));
                    }
                  }
                  return hashes;
                }));
  }

  @Override
  public void revoke(String id, Instant at) {
    tx.executeWrite(
        status ->
            jdbc.prepareStatement(
                "UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                statement -> {
                  SqlTimes.set(statement, 1, at);
                  statement.setString(2, id);
                  return statement.executeUpdate();
                }));
    // At once on this node; the other nodes hear it from PostgreSQL after the commit.
    access.sessionChanged(id);
  }

  @Override
  public List<String> revokeAllOf(long userId, Instant at) {
    List<String> ids =
        tx.executeWrite(
            status ->
                jdbc.prepareStatement(
                    "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL"
                        + " RETURNING id",
                    statement -> {
                      SqlTimes.set(statement, 1, at);
                      statement.setLong(2, userId);
                      List<String> revoked = new ArrayList<>();
                      try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                          revoked.add(rs.getString(1));
                        }
                      }
                      return revoked;
                    }));
    ids.forEach(access::sessionChanged);
    return ids;
  }

  private Optional<Session> findOne(String sql, String key) {
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                sql,
                statement -> {
                  statement.setString(1, key);
                  try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.<Session>empty();
                  }
                }));
  }

  private static Session read(ResultSet rs) throws SQLException {
    return new Session(
        rs.getString("id"),
        rs.getLong("user_id"),
        rs.getString("refresh_hash"),
        SqlTimes.get(rs, "created_at"),
        SqlTimes.get(rs, "expires_at"),
        SqlTimes.get(rs, "revoked_at"));
  }
}
