package dev.parley.application.port.in;

import dev.parley.application.realtime.ClientConnection;

/**
 * Tells a single-channel connection's channel that its user arrived or left, with who is connected
 * now; and relays a status a user announces there.
 */
public interface ChannelPresenceUseCase {
  void joined(ClientConnection connection);

  void left(ClientConnection connection);

  void announceStatus(ClientConnection connection, String status);
}
