package dev.parley.adapters.webhook;

import dev.parley.application.port.in.RunWebhooksUseCase;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives webhooks on this node: the feeder on one thread, delivery on {@code deliveryThreads}
 * (threads of their own: a slow target must not hold up the feed, the other targets, nor the
 * application's shared scheduler), each polling every interval and going again at once while it
 * found work. Delivery threads claim small batches, so one slow target holds up only its thread.
 */
public final class WebhookJobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookJobs.class);

  private final RunWebhooksUseCase webhooks;
  private final Duration interval;
  private final ScheduledExecutorService threads;

  private final int deliveryThreads;

  private static final long PRUNE_EVERY = TimeUnit.HOURS.toMillis(1);

  public WebhookJobs(RunWebhooksUseCase webhooks, Duration interval, int deliveryThreads) {
    this.webhooks = webhooks;
    this.interval = interval;
    this.deliveryThreads = Math.max(1, deliveryThreads);
    this.threads =
        Executors.newScheduledThreadPool(
            1 + this.deliveryThreads,
            runnable -> {
              Thread thread = new Thread(runnable, "parley-webhooks");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts polling. */
  public void start() {
    long every = interval.toMillis();
    threads.scheduleWithFixedDelay(
        () -> drain("feed", webhooks::feed), every, every, TimeUnit.MILLISECONDS);
    // Every node prunes: deleting what another node already deleted costs nothing.
    threads.scheduleWithFixedDelay(this::prune, every, PRUNE_EVERY, TimeUnit.MILLISECONDS);
    for (int k = 0; k < deliveryThreads; k++) {
      threads.scheduleWithFixedDelay(
          () -> drain("delivery", webhooks::dispatch), every, every, TimeUnit.MILLISECONDS);
    }
  }

  /** Forgets the delivery log's old attempts, once. */
  private void prune() {
    try {
      int forgotten = webhooks.prune();
      LOG.debug("Webhook delivery log: {} old attempts removed", forgotten);
    } catch (RuntimeException e) {
      LOG.warn("Webhook pruning failed: {}", e.toString());
    }
  }

  private void drain(String what, java.util.function.IntSupplier step) {
    try {
      // Keep going while there is work, but hand back the thread now and then.
      for (int round = 0; round < 100 && step.getAsInt() > 0; round++) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
    } catch (RuntimeException e) {
      // The next run tries again; a database outage must not end the schedule.
      LOG.warn("Webhook {} failed: {}", what, e.toString());
    }
  }

  /** Stops polling; a delivery under way finishes or is cut by its timeout. */
  @Override
  public void close() {
    threads.shutdownNow();
    try {
      threads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
