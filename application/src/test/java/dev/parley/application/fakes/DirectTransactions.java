package dev.parley.application.fakes;

import dev.parley.application.port.out.Transactions;
import java.util.function.Supplier;

/** Runs work directly and counts how many transactions were opened. */
public class DirectTransactions implements Transactions {
  public int opened;

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    opened++;
    return work.get();
  }
}
