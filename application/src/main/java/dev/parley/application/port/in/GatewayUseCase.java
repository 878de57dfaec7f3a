package dev.parley.application.port.in;

import dev.parley.application.realtime.ClientConnection;

/** Attaches live connections to what their user may see, and detaches them. */
public interface GatewayUseCase {

  /**
   * Registers the connection and subscribes what needs no look-up (the user's own topic, or the
   * single channel asked for), without blocking: events from then on reach the connection, which
   * holds them until {@link #attach} has checked access.
   */
  void open(ClientConnection connection);

  /**
   * Completes the subscriptions from the store. A single-channel connection to a channel the user
   * cannot see is unregistered and refused with {@link dev.parley.domain.error.NotFound}.
   */
  void attach(ClientConnection connection);

  /** Removes the connection from delivery at once; safe on the event loop. */
  void disconnect(ClientConnection connection);

  /** After a disconnect, off the event loop: presence and other bookkeeping that may block. */
  void release(ClientConnection connection);
}
