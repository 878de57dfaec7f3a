package dev.parley.adapters.security;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Bounds how many password hashes run at once. bcrypt is pure CPU: without a bound, a burst of
 * logins puts every core to hashing and socket delivery waits behind it; with one, logins queue (on
 * the blocking pool, never on the event loop) and the other cores keep delivering.
 */
final class HashingGate {
  private final Semaphore permits;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostRunning = new AtomicInteger();
  private final LongConsumer waited;

  HashingGate(int concurrency) {
    this(concurrency, nanos -> {});
  }

  /** {@code waited} hears how long each hash queued for its turn, in nanoseconds. */
  HashingGate(int concurrency, LongConsumer waited) {
    this.waited = waited;
    if (concurrency < 1) {
      throw new IllegalArgumentException("hashing concurrency must be at least 1");
    }
    this.permits = new Semaphore(concurrency, true);
  }

  /** Half the cores, at least one: the rest stay free for delivery. */
  static int defaultConcurrency() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  <T> T run(Supplier<T> hashing) {
    long queued = System.nanoTime();
    permits.acquireUninterruptibly();
    waited.accept(System.nanoTime() - queued);
    try {
      mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      return hashing.get();
    } finally {
      running.decrementAndGet();
      permits.release();
    }
  }

  /** The most hashes seen running at once (for tests). */
  int mostRunning() {
    return mostRunning.get();
  }
}
