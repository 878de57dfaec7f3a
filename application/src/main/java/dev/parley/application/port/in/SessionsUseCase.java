package dev.parley.application.port.in;

import dev.parley.application.port.in.LoginUseCase.LoginResult;
import java.time.Instant;

/**
 * The life of a login after it happened: refresh, logout, password change, deactivation and socket
 * tickets. Ending sessions also closes the sockets opened with them.
 */
public interface SessionsUseCase {

  /** A single-use ticket that opens one socket within a few seconds. */
  record SocketTicket(String value, Instant expiresAt) {}

  /** New access and refresh tokens for a valid refresh token; the old one stops working. */
  LoginResult refresh(String refreshToken);

  /** Ends one session (or, with {@code everywhere}, all of the user's sessions). */
  void logout(long userId, String sessionId, boolean everywhere);

  /**
   * Checks the current password (under the login throttle, keyed by account and the client's {@code
   * address}), stores the new one and ends every session of the user.
   */
  void changePassword(long userId, String currentPassword, String newPassword, String address);

  /**
   * Checks the password (under the login throttle, as above), deactivates the account and ends
   * every session of the user.
   */
  void deactivate(long userId, String password, String address);

  SocketTicket socketTicket(long userId, String sessionId);
}
