package dev.parley.application.port.in;

import dev.parley.application.realtime.ClientConnection;

/** Attaches live connections to what their user may see, and detaches them. */
public interface GatewayUseCase {

  /**
   * Registers the connection and subscribes it to its scope; a single-channel connection to a
   * channel the user cannot see is refused with {@link dev.parley.domain.error.NotFound}.
   */
  void connect(ClientConnection connection);

  void disconnect(ClientConnection connection);
}
