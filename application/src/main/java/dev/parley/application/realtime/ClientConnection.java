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
    GOING_AWAY
  }

  String id();

  long userId();

  ConnectionScope scope();

  void deliver(OutboundEvent event);

  void close(CloseReason reason);
}
