package dev.parley.application.port.in;

import dev.parley.domain.user.User;
import java.time.Instant;

/** Exchanges credentials for an access token and a refresh token. */
public interface LoginUseCase {

  /** The token and the account it names. */
  record LoginResult(AccessToken token, RefreshToken refresh, User user) {}

  /** A refresh token (shown once, stored only as a hash) and when it stops working. */
  record RefreshToken(String value, Instant expiresAt) {}

  /** A signed access token and when it expires. */
  record AccessToken(String value, Instant expiresAt) {}

  LoginResult login(LoginCommand command);
}
