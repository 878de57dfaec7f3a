package dev.parley.adapters.web.socket;

import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.propagation.PropagatedContextElement;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's frames in arrival order on a shared pool, at most one at a time, and
 * refuses work beyond a bound so a flooding client cannot queue unbounded memory.
 */
final class SerialExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

  private final Executor pool;
  private final int maxPending;
  private final PropagatedContextElement logFields;
  private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();

  /** {@code logFields} are in the MDC (and the propagated context) of every task run. */
  SerialExecutor(Executor pool, int maxPending, PropagatedContextElement logFields) {
    this.pool = pool;
    this.maxPending = maxPending;
    this.logFields = logFields;
  }

  /** Wraps {@code task} to run with this executor's log fields, wherever it runs. */
  Runnable withLogFields(Runnable task) {
    return PropagatedContext.getOrEmpty().plus(logFields).wrap(task);
  }

  /** Queues the task; false when the connection already has too much pending. */
  boolean offer(Runnable task) {
    if (size.get() >= maxPending) {
      return false;
    }
    queue.add(task);
    if (size.getAndIncrement() == 0) {
      pool.execute(this::drain);
    }
    return true;
  }

  private void drain() {
    // Once per drain, not per task: the fields are the same for every task of the connection.
    try (PropagatedContext.Scope ignored =
        PropagatedContext.getOrEmpty().plus(logFields).propagate()) {
      do {
        Runnable task = queue.poll();
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.error("Socket task failed", e);
        }
      } while (size.decrementAndGet() > 0);
    }
  }
}
