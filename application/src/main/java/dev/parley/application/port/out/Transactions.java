package dev.parley.application.port.out;

import java.util.function.Supplier;

/** Runs work atomically against the store; nested calls join the outer transaction. */
public interface Transactions {
  <T> T inTransaction(Supplier<T> work);

  default void run(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }
}
