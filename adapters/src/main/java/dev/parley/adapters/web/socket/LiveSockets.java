package dev.parley.adapters.web.socket;

import dev.parley.application.port.in.GatewayUseCase;
import dev.parley.application.realtime.ClientConnection;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's open sockets and the work in flight for them: heartbeats over the live set, and the
 * graceful stop (1001 to every socket, then a wait until in-flight frames have committed).
 */
@Singleton
@Requires(beans = GatewayUseCase.class)
public class LiveSockets implements GracefulShutdownCapable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveSockets.class);
  private static final Duration UNBOUNDED_WAIT = Duration.ofMinutes(5);

  private final SocketLimits limits;
  private final SocketMetrics metrics;
  private final Set<SocketConnection> live = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicInteger inFlight = new AtomicInteger();

  LiveSockets(SocketLimits limits, SocketMetrics metrics) {
    this.limits = limits;
    this.metrics = metrics;
  }

  void add(SocketConnection connection) {
    if (live.add(connection)) {
      metrics.opened(connection.surface());
    }
  }

  /** True when the connection was live (so its caps are released exactly once). */
  boolean remove(SocketConnection connection) {
    boolean removed = live.remove(connection);
    if (removed) {
      metrics.closed(connection.surface());
    }
    return removed;
  }

  /** Samples every live socket's queued bytes into the queue-size distribution. */
  @Scheduled(fixedDelay = "${parley.metrics.queue-sample-interval:5s}")
  void sampleQueues() {
    for (SocketConnection connection : live) {
      metrics.queued(connection.queuedBytes());
    }
  }

  /** Whether a graceful stop has begun: new frames are refused. */
  boolean stopping() {
    return stopping.get();
  }

  /** Counts a frame's work as in flight until {@link #finished()}. */
  void started() {
    inFlight.incrementAndGet();
  }

  void finished() {
    inFlight.decrementAndGet();
  }

  /**
   * Every heartbeat interval: closes connections silent past the timeout (half-open TCP included)
   * and pings the others.
   */
  @Scheduled(fixedDelay = "${parley.socket.heartbeat-interval:30s}")
  void heartbeat() {
    long timeout = limits.getHeartbeatTimeout().toNanos();
    for (SocketConnection connection : live) {
      if (connection.silentNanos() > timeout) {
        connection.closeWith(CloseCodes.HEARTBEAT_TIMEOUT, "heartbeat timeout");
        continue;
      }
      connection.ping();
    }
  }

  /**
   * Part of a graceful stop (bootstrap runs it on SIGTERM, before the HTTP server closes): refuse
   * new frames, tell every socket to go away (1001) so clients reconnect elsewhere, and let frames
   * already being handled finish their commits.
   */
  @Override
  public CompletionStage<?> shutdownGracefully() {
    if (stopping.compareAndSet(false, true)) {
      LOG.info("Shutting down: closing {} sockets with 1001", live.size());
      for (SocketConnection connection : live) {
        connection.close(ClientConnection.CloseReason.GOING_AWAY);
      }
    }
    return CompletableFuture.runAsync(this::awaitQuiet);
  }

  private void awaitQuiet() {
    // A socket leaves the live set once its TCP connection is closed, which a graceful close
    // delays until the client has answered the close frame (or the linger has passed). The drain
    // bounds the wait (parley.drain.timeout); this bound only ends a wait nobody bounds.
    long deadline = System.nanoTime() + UNBOUNDED_WAIT.toNanos();
    try {
      while ((inFlight.get() > 0 || !live.isEmpty()) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public OptionalLong reportActiveTasks() {
    return OptionalLong.of(inFlight.get() + live.size());
  }
}
