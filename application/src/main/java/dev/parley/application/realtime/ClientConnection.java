package dev.parley.application.realtime;

/**
 * A live client connection as the core sees it; the socket adapter implements it. Delivery never
 * blocks: the connection queues, drops best-effort events, or closes itself when it falls behind.
 */
public interface ClientConnection {

  /** Why the server closes a connection. */
  enum CloseReason {
    /** The user lost access to what the connection follows (removed, server deleted). */
    ACCESS_REVOKED,
    /** The server is shutting down. */
    GOING_AWAY,
    /** The login session the connection was opened with ended (logout, password change). */
    SESSION_ENDED
  }

  String id();

  long userId();

  /** The login session the connection was opened with; null for external tokens. */
  String sessionId();

  ConnectionScope scope();

  void deliver(OutboundEvent event);

  void close(CloseReason reason);
}
