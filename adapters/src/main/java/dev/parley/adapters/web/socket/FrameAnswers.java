package dev.parley.adapters.web.socket;

import io.micronaut.core.propagation.PropagatedContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's answers (acks, errors) in the order of its frames, while the work of some frames
 * (a send being committed) is still completing and later frames are handled meanwhile. Its methods
 * are called by the connection's frame handlers, which run one at a time.
 */
public final class FrameAnswers {
  private static final Logger LOG = LoggerFactory.getLogger(FrameAnswers.class);

  private final int maxUnanswered;
  private final AtomicInteger unanswered = new AtomicInteger();

  /** Completes once every answer queued so far was written; never completes exceptionally. */
  private volatile CompletableFuture<Void> written = CompletableFuture.completedFuture(null);

  FrameAnswers(int maxUnanswered) {
    this.maxUnanswered = maxUnanswered;
  }

  /** The outcome of a frame's work. */
  private record Outcome<T>(T result, Throwable failure) {}

  /**
   * Writes the frame's answer once {@code work} completes and every earlier answer was written.
   * With too many answers outstanding it first waits for them, which bounds what one connection can
   * have in flight.
   */
  public <T> void later(CompletableFuture<T> work, BiConsumer<T, Throwable> answer) {
    if (unanswered.get() >= maxUnanswered) {
      settle();
    }
    unanswered.incrementAndGet();
    // The answer is written on whichever thread completes the work; it logs as the frame did.
    PropagatedContext frame = PropagatedContext.getOrEmpty();
    written =
        written
            .thenCombine(work.handle(Outcome::new), (previous, outcome) -> outcome)
            .thenAccept(
                outcome -> {
                  try (PropagatedContext.Scope ignored = frame.propagate()) {
                    write(answer, outcome);
                  }
                });
  }

  private <T> void write(BiConsumer<T, Throwable> answer, Outcome<T> outcome) {
    try {
      answer.accept(outcome.result(), outcome.failure());
    } catch (RuntimeException e) {
      // A failed answer must not hold back the answers after it.
      LOG.warn("Writing a frame's answer failed", e);
    } finally {
      unanswered.decrementAndGet();
    }
  }

  /** Writes an answer now when nothing is outstanding, else after the earlier answers. */
  public void then(Runnable answer) {
    if (written.isDone()) {
      answer.run();
    } else {
      later(CompletableFuture.completedFuture(null), (ignored, failure) -> answer.run());
    }
  }

  /** Waits until every answer queued so far was written (a frame that is not pipelined). */
  public void settle() {
    written.join();
  }

  /** Answers queued and not written yet. */
  public int unanswered() {
    return unanswered.get();
  }
}
