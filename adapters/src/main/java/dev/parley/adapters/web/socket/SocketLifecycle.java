package dev.parley.adapters.web.socket;

import dev.parley.adapters.web.support.Caller;
import dev.parley.adapters.web.support.ClientAddress;
import dev.parley.application.port.in.GatewayUseCase;
import dev.parley.application.realtime.ConnectionScope;
import dev.parley.domain.error.NotFound;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.websocket.WebSocketSession;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A socket's life as every surface lives it: the connection built from the authenticated upgrade
 * (or the upgrade refused), attached to the core off the event loop, and detached on close.
 */
@Singleton
@Requires(beans = GatewayUseCase.class)
public class SocketLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(SocketLifecycle.class);
  private static final String CONNECTION = "parley.connection";
  private static final String ADDRESS = "parley.address";

  private final GatewayUseCase gateway;
  private final ExecutorService workers;
  private final SocketLimits limits;
  private final Frames frames;
  private final InboundFrames inbound;
  private final ConnectionCaps caps;
  private final ClientAddress addresses;
  private final LiveSockets live;
  private final SocketMetrics metrics;

  SocketLifecycle(
      GatewayUseCase gateway,
      @Named("socket-workers") ExecutorService workers,
      SocketLimits limits,
      Frames frames,
      InboundFrames inbound,
      ConnectionCaps caps,
      ClientAddress addresses,
      LiveSockets live,
      SocketMetrics metrics) {
    this.gateway = gateway;
    this.workers = workers;
    this.limits = limits;
    this.frames = frames;
    this.inbound = inbound;
    this.caps = caps;
    this.addresses = addresses;
    this.live = live;
    this.metrics = metrics;
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

  /** The connection of a socket, or null before it is opened or when it was refused. */
  public static SocketConnection of(WebSocketSession session) {
    return session.get(CONNECTION, SocketConnection.class).orElse(null);
  }

  /**
   * Subscribes the connection, then runs {@code onAttached}. A channel the user cannot see ends the
   * socket with an error event and {@link CloseCodes#NOT_FOUND}.
   */
  public void attach(SocketConnection connection, Runnable onAttached) {
    attach(connection, onAttached, CloseCodes.NOT_FOUND);
  }

  /**
   * Completes the subscriptions (for a single-channel socket, checking that the channel is visible
   * and what the surface expected, in one look-up), runs {@code onAttached}, then releases the
   * events held since the upgrade; all off the event loop. If nothing visible is found, the held
   * events are dropped, the socket gets an error event in the expectation's words and is closed
   * with {@code closeCode}.
   */
  public void attach(SocketConnection connection, Runnable onAttached, int closeCode) {
    inbound.run(
        connection,
        () -> {
          try {
            gateway.attach(connection);
          } catch (NotFound notFound) {
            gateway.disconnect(connection);
            connection.send(frames.write(ErrorFrame.of("not_found", notFound.getMessage())));
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
