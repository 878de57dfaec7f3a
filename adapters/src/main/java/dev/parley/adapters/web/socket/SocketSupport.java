package dev.parley.adapters.web.socket;

import dev.parley.adapters.web.support.Caller;
import dev.parley.adapters.web.support.ClientAddress;
import dev.parley.adapters.web.support.WriteBudget;
import dev.parley.application.port.in.GatewayUseCase;
import dev.parley.application.realtime.ConnectionScope;
import dev.parley.domain.error.NotFound;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.websocket.WebSocketSession;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every socket surface shares: building the connection from the authenticated upgrade,
 * attaching it to the core off the event loop, running frames in order with domain errors turned
 * into error events, and detaching on close.
 */
@Singleton
@Requires(beans = GatewayUseCase.class)
public class SocketSupport {
  private static final Logger LOG = LoggerFactory.getLogger(SocketSupport.class);
  private static final String CONNECTION = "parley.connection";
  private static final String ADDRESS = "parley.address";

  private final GatewayUseCase gateway;
  private final ExecutorService workers;
  private final SocketLimits limits;
  private final Frames frames;
  private final WriteBudget writes;
  private final ConnectionCaps caps;
  private final ClientAddress addresses;
  private final LiveSockets live;
  private final SocketMetrics metrics;

  SocketSupport(
      GatewayUseCase gateway,
      @Named("socket-workers") ExecutorService workers,
      SocketLimits limits,
      WriteBudget writes,
      ConnectionCaps caps,
      ClientAddress addresses,
      LiveSockets live,
      SocketMetrics metrics,
      JsonMapper json) {
    this.metrics = metrics;
    this.gateway = gateway;
    this.workers = workers;
    this.limits = limits;
    this.writes = writes;
    this.caps = caps;
    this.addresses = addresses;
    this.live = live;
    this.frames = new Frames(json);
  }

  public SocketLimits limits() {
    return limits;
  }

  public Frames frames() {
    return frames;
  }

  /**
   * A connection for the authenticated user of this upgrade, remembered on the session. Over the
   * user's or the address's socket cap (upgrades that raced past {@link SocketCapFilter}) it gets
   * an error event and is closed with {@link CloseCodes#RATE_LIMITED}; the connection returned is
   * then closed and never attached. Every close of the socket from here on is graceful (see {@link
   * GracefulClose}).
   */
  public SocketConnection open(
      WebSocketSession session,
      HttpRequest<?> request,
      ConnectionScope scope,
      EventEncoder encoder) {
    GracefulClose.install(request, limits.getCloseLinger());
    Authentication auth = request.getUserPrincipal(Authentication.class).orElse(null);
    long userId = Caller.id(auth);
    Object name = auth.getAttributes().get("username");
    Object sid = auth.getAttributes().get("sid");
    SocketConnection connection =
        new SocketConnection(
            session,
            userId,
            name == null ? Long.toString(userId) : name.toString(),
            sid == null ? null : sid.toString(),
            scope,
            encoder,
            workers,
            limits,
            metrics);
    String address = addresses.of(request);
    Optional<String> overCap = caps.tryAcquire(userId, address);
    if (overCap.isPresent()) {
      connection.markClosed();
      refuse(session, request, CloseCodes.RATE_LIMITED, "rate_limited", overCap.get());
      return connection;
    }
    session.put(ADDRESS, address);
    session.put(CONNECTION, connection);
    live.add(connection);
    gateway.open(connection);
    SocketLog.opened(connection, request);
    return connection;
  }

  /** The authenticated user of an upgrade request. */
  public long userId(HttpRequest<?> request) {
    return Caller.id(request.getUserPrincipal(Authentication.class).orElse(null));
  }

  /**
   * Answers a socket that may not proceed (called from {@code @OnOpen} instead of {@link #open})
   * with an error event, then closes it gracefully.
   */
  public void refuse(
      WebSocketSession session,
      HttpRequest<?> request,
      int closeCode,
      String code,
      String message) {
    GracefulClose.install(request, limits.getCloseLinger());
    session
        .sendAsync(frames.write(ErrorFrame.of(code, message)))
        .whenComplete(
            (sent, error) ->
                session.close(new io.micronaut.websocket.CloseReason(closeCode, code)));
  }

  public SocketConnection of(WebSocketSession session) {
    return session.get(CONNECTION, SocketConnection.class).orElse(null);
  }

  /**
   * Subscribes the connection, then runs {@code onAttached}. A channel the user cannot see ends the
   * socket with an error event and {@link CloseCodes#NOT_FOUND}.
   */
  public void attach(SocketConnection connection, Runnable onAttached) {
    attach(connection, () -> {}, onAttached, "Channel not found", CloseCodes.NOT_FOUND);
  }

  /**
   * Runs {@code check} (a surface's own access rule), completes the subscriptions, runs {@code
   * onAttached}, then releases the events held since the upgrade; all off the event loop. If the
   * check or the subscription finds nothing visible, the held events are dropped, the socket gets
   * an error event saying {@code refusal} and is closed with {@code closeCode}.
   */
  public void attach(
      SocketConnection connection,
      Runnable check,
      Runnable onAttached,
      String refusal,
      int closeCode) {
    run(
        connection,
        () -> {
          try {
            check.run();
            gateway.attach(connection);
          } catch (NotFound notFound) {
            gateway.disconnect(connection);
            connection.send(frames.write(ErrorFrame.of("not_found", refusal)));
            connection.closeWith(closeCode, "not found");
            return;
          }
          if (!connection.isOpen()) {
            // Closed while attaching: onClose already ran, so undo the registration.
            gateway.disconnect(connection);
            return;
          }
          onAttached.run();
          if (!connection.awaitingResume()) {
            connection.markReady();
          }
        });
  }

  /** Handles one parsed client frame. */
  @FunctionalInterface
  public interface FrameHandler {
    void handle(JsonNode frame);
  }

  /** Handles one parsed client frame of a connection. */
  @FunctionalInterface
  public interface ConnectionFrameHandler {
    void handle(SocketConnection connection, JsonNode frame);
  }

  /**
   * The whole inbound path of a raw frame: reassembled within the size bound, rate-limited, parsed
   * and handled in order off the event loop; errors become error events.
   */
  public void onFrame(
      WebSocketSession session, WebSocketFrame frame, ConnectionFrameHandler handler) {
    SocketConnection connection = of(session);
    if (connection == null || !connection.isOpen()) {
      // Closing: the client's frames are read only so that the close stays clean.
      frame.release();
      return;
    }
    String text = FrameReassembly.text(connection, frame, limits.getMaxMessageBytes());
    if (text != null) {
      receive(connection, text, parsed -> handler.handle(connection, parsed));
    }
  }

  /**
   * Parses a client frame and handles it in order for this connection, off the event loop. Each
   * frame first takes a token from the user's {@link WriteBudget}, the one their REST writes use
   * too (it may ask Redis, hence off the event loop); over it the frame gets an error and is
   * dropped, and a flood is closed. Any domain error (bad JSON, missing field, invisible
   * channel...) becomes an error event echoing the frame's {@code nonce}; the socket stays open.
   */
  public void receive(SocketConnection connection, String text, FrameHandler handler) {
    connection.touch();
    boolean queued =
        submit(
            connection,
            () -> {
              if (writes.tryTake(connection.userId()).isPresent()) {
                refused(connection, "Too many frames; this one was not processed", false);
                return;
              }
              handle(connection, text, handler);
            });
    if (!queued && connection.isOpen()) {
      refused(connection, "Too many frames waiting; slow down and resend", true);
    }
  }

  /**
   * Queues work on the connection's ordered executor, counted as in flight for the graceful stop;
   * false when the queue is full. While stopping nothing is queued and the client is told so.
   */
  private boolean submit(SocketConnection connection, Runnable work) {
    if (live.stopping()) {
      connection.send(
          frames.write(ErrorFrame.of("unavailable", "The server is shutting down; reconnect")));
      return true;
    }
    live.started();
    boolean queued =
        connection.submit(
            () -> {
              try {
                work.run();
              } finally {
                live.finished();
              }
            });
    if (!queued) {
      live.finished();
    }
    return queued;
  }

  /**
   * A frame refused for the rate (over the budget, or too many waiting): an error, or, for a flood,
   * the close. Counting and sending happen under one lock, so every error counted before the close
   * is queued before it; a close decided on the event loop is written from a worker, behind the
   * errors workers have already queued (on the event loop it would overtake them).
   */
  private void refused(SocketConnection connection, String message, boolean onEventLoop) {
    metrics.rateLimited(connection.surface());
    synchronized (connection) {
      if (connection.refused() <= limits.getCloseAfterRefusals()) {
        connection.send(frames.write(ErrorFrame.of("rate_limited", message)));
        return;
      }
    }
    Runnable close = () -> connection.closeWith(CloseCodes.RATE_LIMITED, "rate limit exceeded");
    if (!onEventLoop) {
      close.run();
      return;
    }
    try {
      workers.execute(close);
    } catch (RejectedExecutionException stopping) {
      close.run();
    }
  }

  private void handle(SocketConnection connection, String text, FrameHandler handler) {
    String nonce = null;
    try {
      JsonNode frame = frames.parseObject(text);
      JsonNode type = frame.get("type");
      metrics.frameIn(
          connection.surface(), type != null && type.isString() ? type.getStringValue() : null);
      nonce =
          frame.get("nonce") != null && frame.get("nonce").isString()
              ? frame.get("nonce").getStringValue()
              : null;
      handler.handle(frame);
    } catch (RuntimeException e) {
      answerError(connection, e, nonce);
    }
  }

  /** The error event for a failed frame, after the connection's earlier answers. */
  private void answerError(SocketConnection connection, Throwable failure, String nonce) {
    String error = frames.write(ErrorFrame.forFailure(failure, connection.userId(), nonce));
    connection.answers().then(() -> connection.send(error));
  }

  /**
   * Answers a frame once its work completes, after the connection's earlier answers, while the
   * connection's next frames are handled; a failure becomes an error event echoing the nonce. The
   * answer counts as in flight for the graceful stop.
   */
  public <T> void answerLater(
      SocketConnection connection,
      String nonce,
      CompletableFuture<T> work,
      Function<T, String> answer) {
    live.started();
    connection
        .answers()
        .later(
            work,
            (result, failure) -> {
              try {
                connection.send(
                    failure == null
                        ? answer.apply(result)
                        : frames.write(ErrorFrame.forFailure(failure, connection.userId(), nonce)));
              } finally {
                live.finished();
              }
            });
  }

  /** Runs work in order for this connection; errors become error events. */
  public void run(SocketConnection connection, Runnable work) {
    boolean queued =
        submit(
            connection,
            () -> {
              try {
                work.run();
              } catch (RuntimeException e) {
                answerError(connection, e, null);
              }
            });
    if (!queued && connection.isOpen()) {
      connection.send(
          frames.write(
              ErrorFrame.of("rate_limited", "Too many frames waiting; slow down and resend")));
    }
  }

  /** A pong (or any sign of life) from the client. */
  public void pong(WebSocketSession session) {
    SocketConnection connection = of(session);
    if (connection != null) {
      connection.touch();
    }
  }

  /** Detaches a closed socket from the core. */
  public void closed(WebSocketSession session) {
    closed(session, null);
  }

  /** Detaches a closed socket from the core, then runs {@code afterDetach} off the event loop. */
  public void closed(WebSocketSession session, Consumer<SocketConnection> afterDetach) {
    SocketConnection connection = of(session);
    if (connection == null) {
      return;
    }
    connection.markClosed();
    if (live.remove(connection)) {
      caps.release(connection.userId(), session.get(ADDRESS, String.class).orElse(""));
      SocketLog.closed(connection);
    }
    gateway.disconnect(connection);
    Runnable release =
        () -> {
          try {
            gateway.release(connection);
            if (afterDetach != null) {
              afterDetach.accept(connection);
            }
          } catch (RuntimeException e) {
            LOG.warn("After-close work failed for user {}: {}", connection.userId(), e.toString());
          }
        };
    workers.execute(connection.withLogFields(release));
  }
}
