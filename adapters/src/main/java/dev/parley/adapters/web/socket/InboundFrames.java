package dev.parley.adapters.web.socket;

import dev.parley.adapters.web.support.WriteBudget;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.websocket.WebSocketSession;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * The inbound path every surface shares: raw frames reassembled within the size bound,
 * rate-limited, parsed and handled in order off the event loop, with failures turned into error
 * events and answers kept in frame order.
 */
@Singleton
public class InboundFrames {
  private final ExecutorService workers;
  private final SocketLimits limits;
  private final Frames frames;
  private final WriteBudget writes;
  private final LiveSockets live;
  private final SocketMetrics metrics;

  InboundFrames(
      @Named("socket-workers") ExecutorService workers,
      SocketLimits limits,
      Frames frames,
      WriteBudget writes,
      LiveSockets live,
      SocketMetrics metrics) {
    this.workers = workers;
    this.limits = limits;
    this.frames = frames;
    this.writes = writes;
    this.live = live;
    this.metrics = metrics;
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
    SocketConnection connection = SocketLifecycle.of(session);
    if (connection == null || !connection.isOpen()) {
      // Closing: the client's frames are read only so that the close stays clean.
      frame.release();
      return;
    }
    String text = connection.reassembly().text(connection, frame, limits.getMaxMessageBytes());
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
      if (connection.refusals().count() <= limits.getCloseAfterRefusals()) {
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
    SocketConnection connection = SocketLifecycle.of(session);
    if (connection != null) {
      connection.touch();
    }
  }
}
