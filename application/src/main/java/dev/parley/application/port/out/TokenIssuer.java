package dev.parley.application.port.out;

import dev.parley.domain.user.User;
import java.time.Instant;

/** Issues signed access tokens naming a user. */
public interface TokenIssuer {

  /** A bearer token and when it stops being accepted. */
  record AccessToken(String value, Instant expiresAt) {}

  /** An access token for the user, bound to the login session {@code sessionId}. */
  AccessToken issue(User user, String sessionId);
}
