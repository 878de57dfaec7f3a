package dev.parley.adapters.persistence;

import dev.parley.application.port.out.SocketTicketStore;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link SocketTicketStore} on PostgreSQL, so a ticket taken on one node can be spent on another;
 * {@code DELETE ... RETURNING} makes spending atomic. Expired tickets are swept as new ones come.
 */
@Singleton
public class JdbcSocketTicketStore implements SocketTicketStore {
  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;

  JdbcSocketTicketStore(JdbcOperations jdbc, TransactionOperations<Connection> tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @Override
  public void save(String hash, Ticket ticket) {
    tx.executeWrite(
        status -> {
          jdbc.prepareStatement(
              "DELETE FROM socket_tickets WHERE expires_at < ?",
              statement -> {
                SqlTimes.set(statement, 1, Instant.now());
                return statement.executeUpdate();
              });
          return jdbc.prepareStatement(
              "INSERT INTO socket_tickets (hash, user_id, session_id, expires_at)"
                  + " VALUES (?, ?, ?, ?)",
              statement -> {
                statement.setString(1, hash);
                statement.setLong(2, ticket.userId());
                statement.setString(3, ticket.sessionId());
                SqlTimes.set(statement, 4, ticket.expiresAt());
                return statement.executeUpdate();
              });
        });
  }

  @Override
  public Optional<Ticket> take(String hash, Instant now) {
    return tx.executeWrite(
        status ->
            jdbc.prepareStatement(
                "DELETE FROM socket_tickets WHERE hash = ? RETURNING user_id, session_id, expires_at",
                statement -> {
                  statement.setString(1, hash);
                  try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next()) {
                      return Optional.<Ticket>empty();
                    }
                    Ticket ticket =
                        new Ticket(
                            rs.getLong("user_id"),
                            rs.getString("session_id"),
                            SqlTimes.get(rs, "expires_at"));
                    return now.isBefore(ticket.expiresAt())
                        ? Optional.of(ticket)
                        : Optional.<Ticket>empty();
                  }
                }));
  }
}
