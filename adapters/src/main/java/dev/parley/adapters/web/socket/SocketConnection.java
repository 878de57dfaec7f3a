package dev.parley.adapters.web.socket;

import dev.parley.adapters.web.support.LogContext;
import dev.parley.application.realtime.ClientConnection;
import dev.parley.application.realtime.ConnectionScope;
import dev.parley.application.realtime.OutboundEvent;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.exceptions.WebSocketSessionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client socket as the core sees it. Outbound frames go straight to Netty, which buffers them;
 * this class bounds those buffered bytes, shedding best-effort events first and closing a client
 * that stays behind. Inbound frames run in order on a shared worker pool.
 */
public final class SocketConnection implements ClientConnection {
  private static final Logger LOG = LoggerFactory.getLogger(SocketConnection.class);
  private static final AtomicLong IDS = new AtomicLong();
  private static final byte[] PING = {'p'};

  private final String id = "c" + IDS.incrementAndGet();
  private final WebSocketSession session;
  private final long userId;
  private final String username;
  private final String sessionId;
  private final ConnectionScope scope;
  private final EventEncoder encoder;
  private final SerialExecutor inbound;
  private final FrameAnswers answers;
  private final SocketMetrics metrics;
  private final OutboundBudget outbound;
  private final HeldEvents held = new HeldEvents();
  private final FrameReassembly reassembly = new FrameReassembly();
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile long lastSeenNanos = System.nanoTime();
  private final RefusalWindow refusals = new RefusalWindow();

  public SocketConnection(
      WebSocketSession session,
      long userId,
      String username,
      String sessionId,
      ConnectionScope scope,
      EventEncoder encoder,
      Executor workers,
      SocketLimits limits,
      SocketMetrics metrics) {
    this.session = session;
    this.metrics = metrics;
    this.userId = userId;
    this.username = username;
    this.sessionId = sessionId;
    this.scope = scope;
    this.encoder = encoder;
    this.outbound = new OutboundBudget(limits);
    this.inbound =
        new SerialExecutor(
            workers, limits.getMaxPendingFrames(), LogContext.ofConnection(id, userId));
    this.answers = new FrameAnswers(limits.getMaxPendingFrames());
  }

  /** Wraps {@code task} to log with this connection's MDC fields (its frames always do). */
  public Runnable withLogFields(Runnable task) {
    return inbound.withLogFields(task);
  }

  /** The answers to this connection's frames, kept in frame order. */
  public FrameAnswers answers() {
    return answers;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public long userId() {
    return userId;
  }

  @Override
  public String sessionId() {
    return sessionId;
  }

  public String username() {
    return username;
  }

  /** The surface this socket speaks (its encoder's), for metrics. */
  public String surface() {
    return encoder.surface();
  }

  /** Bytes handed to the socket and not yet written. */
  long queuedBytes() {
    return outbound.queued();
  }

  /** The client's partly received message, if any. */
  FrameReassembly reassembly() {
    return reassembly;
  }

  @Override
  public ConnectionScope scope() {
    return scope;
  }

  /** The channel of a single-channel connection. */
  public long channelId() {
    if (scope instanceof ConnectionScope.SingleChannel single) {
      return single.channelId();
    }
    throw new IllegalStateException("not a single-channel connection");
  }

  @Override
  public void deliver(OutboundEvent event) {
    if (closing.get()) {
      return;
    }
    // Access is still being checked: hold the event rather than send or lose it.
    if (!held.hold(event)) {
      send(event);
    }
  }

  /** Access is confirmed: sends the events held since the upgrade, in order, then goes live. */
  public void markReady() {
    markReady(event -> false);
  }

  /**
   * Sends the held events except those {@code alreadySent} says the client has (e.g. replayed on
   * resume), in order, then goes live. The filter stays: a change replayed on resume that reaches
   * this node again later (the repair after a fan-out outage) is not sent twice. Later calls do
   * nothing.
   */
  public void markReady(Predicate<OutboundEvent> alreadySent) {
    boolean overflow = held.release(alreadySent, this::send);
    held.cancelResumeTimer();
    if (overflow) {
      closeWith(CloseCodes.SLOW_CONSUMER, "too many events while connecting: resume");
    }
  }

  private void send(OutboundEvent event) {
    if (held.alreadySent(event)) {
      return;
    }
    String frame = encoder.encode(event, this);
    if (frame != null) {
      send(frame, event.event().droppable());
    }
  }

  /** Sends a frame that must not be dropped (acks, errors, replies). */
  public void send(String frame) {
    send(frame, false);
  }

  private void send(String frame, boolean droppable) {
    if (closing.get()) {
      return;
    }
    // The bounds are bytes on the wire: an emoji is two chars but four UTF-8 bytes.
    long size = OutboundBudget.utf8Length(frame);
    switch (outbound.admit(size, droppable)) {
      case SHED -> {
        return;
      }
      case CLOSE -> {
        closeWith(CloseCodes.SLOW_CONSUMER, "slow consumer: reconnect and resume");
        return;
      }
      case SEND -> metrics.frameOut(surface(), SocketMetrics.typeOf(frame));
    }
    try {
      session.sendAsync(frame).whenComplete((sent, error) -> outbound.release(size));
    } catch (WebSocketSessionException closedMeanwhile) {
      // The peer went away before its close was handled: nothing to deliver, nothing to log (a
      // stack trace per event and recipient made reconnect storms much slower).
      outbound.release(size);
      markClosed();
    }
  }

  /** Runs a task for this connection after the ones before it; false when too many wait. */
  public boolean submit(Runnable task) {
    return !closing.get() && inbound.offer(task);
  }

  @Override
  public void close(CloseReason reason) {
    switch (reason) {
      case ACCESS_REVOKED -> closeWith(CloseCodes.ACCESS_REVOKED, "access revoked");
      case GOING_AWAY -> closeWith(CloseCodes.GOING_AWAY, "server shutting down");
      case SESSION_ENDED -> closeWith(CloseCodes.SESSION_ENDED, "session ended");
    }
  }

  /** Closes once with the given code; later calls do nothing. */
  public void closeWith(int code, String reason) {
    if (closing.compareAndSet(false, true)) {
      if (code == CloseCodes.SLOW_CONSUMER) {
        metrics.slowConsumerClosed(surface());
      }
      held.cancelResumeTimer();
      LOG.debug("Closing {} of user {} with {} ({})", id, userId, code, reason);
      try {
        session.close(new io.micronaut.websocket.CloseReason(code, reason));
      } catch (RuntimeException e) {
        LOG.debug("Close of {} failed: {}", id, e.toString());
      }
    }
  }

  public boolean isReady() {
    return held.released();
  }

  /** Notes that the client was heard from (a frame or a pong). */
  public void touch() {
    lastSeenNanos = System.nanoTime();
  }

  /** Nanoseconds since the client was last heard from. */
  public long silentNanos() {
    return System.nanoTime() - lastSeenNanos;
  }

  /** Sends a WebSocket ping; browsers answer with a pong by themselves. */
  public void ping() {
    if (!closing.get()) {
      session.sendPingAsync(PING);
    }
  }

  /** The frames refused for the rate, per second. */
  RefusalWindow refusals() {
    return refusals;
  }

  /** Holds live events until a resume frame arrives; see {@link ResumeWait}. */
  void awaitResume() {
    held.awaitResume();
  }

  /** The timer that ends the resume wait; cancelled once the connection is live or closed. */
  void resumeTimer(Future<?> timer) {
    held.resumeTimer(timer, closing.get());
  }

  /** Whether this connection was opened to resume and has not resumed yet. */
  public boolean awaitingResume() {
    return held.awaitingResume();
  }

  /** Records that the socket is closed by the peer, so nothing more is sent. */
  public void markClosed() {
    closing.set(true);
    held.cancelResumeTimer();
  }

  public boolean isOpen() {
    return !closing.get() && session.isOpen();
  }

  /** Best-effort events shed because the client was behind. */
  public long droppedEvents() {
    return outbound.shed();
  }

  @Override
  public String toString() {
    return "SocketConnection[" + id + ", user " + userId + ", " + scope + "]";
  }
}
