package dev.parley.adapters.persistence;

import dev.parley.application.port.out.Transactions;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.function.Supplier;

/** {@link Transactions} backed by Micronaut's JDBC transaction manager. */
@Singleton
public class JdbcTransactions implements Transactions {
  private final TransactionOperations<Connection> operations;

  JdbcTransactions(TransactionOperations<Connection> operations) {
    this.operations = operations;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return operations.executeWrite(status -> work.get());
  }
}
