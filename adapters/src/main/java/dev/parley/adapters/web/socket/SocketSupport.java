package dev.parley.adapters.web.socket;

import dev.parley.adapters.web.support.Caller;
import dev.parley.application.port.in.GatewayUseCase;
import dev.parley.application.realtime.ConnectionScope;
import dev.parley.domain.error.DomainError;
import dev.parley.domain.error.NotFound;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.websocket.WebSocketSession;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every socket surface shares: building the connection from the authenticated upgrade,
 * attaching it to the core off the event loop, running frames in order with domain errors turned
 * into error events, and detaching on close.
 */
@Singleton
public class SocketSupport {
  private static final Logger LOG = LoggerFactory.getLogger(SocketSupport.class);
  private static final String CONNECTION = "parley.connection";

  private final GatewayUseCase gateway;
  private final ExecutorService workers;
  private final SocketLimits limits;
  private final Frames frames;

  SocketSupport(
      GatewayUseCase gateway,
      @Named("socket-workers") ExecutorService workers,
      SocketLimits limits,
      JsonMapper json) {
    this.gateway = gateway;
    this.workers = workers;
    this.limits = limits;
    this.frames = new Frames(json);
  }

  public Frames frames() {
    return frames;
  }

  /** A connection for the authenticated user of this upgrade, remembered on the session. */
  public SocketConnection open(
      WebSocketSession session,
      HttpRequest<?> request,
      ConnectionScope scope,
      EventEncoder encoder) {
    Authentication auth = request.getUserPrincipal(Authentication.class).orElse(null);
    long userId = Caller.id(auth);
    Object name = auth.getAttributes().get("username");
    SocketConnection connection =
        new SocketConnection(
            session,
            userId,
            name == null ? Long.toString(userId) : name.toString(),
            scope,
            encoder,
            workers,
            limits);
    session.put(CONNECTION, connection);
    gateway.open(connection);
    return connection;
  }

  /** The authenticated user of an upgrade request. */
  public long userId(HttpRequest<?> request) {
    return Caller.id(request.getUserPrincipal(Authentication.class).orElse(null));
  }

  /** Answers a socket that may not proceed with an error event, then closes it. */
  public void refuse(WebSocketSession session, int closeCode, String code, String message) {
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
          connection.markReady();
        });
  }

  /** Handles one parsed client frame. */
  @FunctionalInterface
  public interface FrameHandler {
    void handle(JsonNode frame);
  }

  /**
   * Parses a client frame and handles it in order for this connection, off the event loop. Any
   * domain error (bad JSON, missing field, invisible channel...) becomes an error event echoing the
   * frame's {@code nonce}; the socket stays open.
   */
  public void receive(SocketConnection connection, String text, FrameHandler handler) {
    run(
        connection,
        () -> {
          JsonNode frame = frames.parseObject(text);
          String nonce =
              frame.get("nonce") != null && frame.get("nonce").isString()
                  ? frame.get("nonce").getStringValue()
                  : null;
          try {
            handler.handle(frame);
          } catch (DomainError e) {
            connection.send(frames.write(ErrorFrame.of(e, nonce)));
          }
        });
  }

  /** Runs work in order for this connection; errors become error events. */
  public void run(SocketConnection connection, Runnable work) {
    boolean queued =
        connection.submit(
            () -> {
              try {
                work.run();
              } catch (DomainError e) {
                connection.send(frames.write(ErrorFrame.of(e, null)));
              } catch (RuntimeException e) {
                LOG.error("Socket frame failed for user {}", connection.userId(), e);
                connection.send(
                    frames.write(ErrorFrame.of("internal_error", "Internal server error")));
              }
            });
    if (!queued && connection.isOpen()) {
      connection.send(
          frames.write(
              ErrorFrame.of("rate_limited", "Too many frames waiting; slow down and resend")));
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
    gateway.disconnect(connection);
    if (afterDetach != null) {
      workers.execute(
          () -> {
            try {
              afterDetach.accept(connection);
            } catch (RuntimeException e) {
              LOG.warn(
                  "After-close work failed for user {}: {}", connection.userId(), e.toString());
            }
          });
    }
  }
}
