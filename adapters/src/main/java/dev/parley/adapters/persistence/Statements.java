package dev.parley.adapters.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Runs one hand-written statement in a read or a write transaction (the caller's, if any). */
final class Statements {
  /** A statement's work, which may throw what JDBC throws. */
  interface Work<T> {
    T on(PreparedStatement statement) throws SQLException;
  }

  /** Binds a statement's parameters. */
  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;

  Statements(JdbcOperations jdbc, TransactionOperations<Connection> tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  <T> T read(String sql, Work<T> work) {
    return tx.executeRead(status -> jdbc.prepareStatement(sql, work::on));
  }

  <T> T write(String sql, Work<T> work) {
    return tx.executeWrite(status -> jdbc.prepareStatement(sql, work::on));
  }

  /** Runs an update with its parameters bound; how many rows it changed. */
  int update(String sql, Binder binder) {
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
