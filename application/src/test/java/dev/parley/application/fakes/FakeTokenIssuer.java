package dev.parley.application.fakes;

import dev.parley.application.port.out.TokenIssuer;
import dev.parley.domain.user.User;
import java.time.Instant;

/** Issues readable fake tokens naming the user id and the session. */
public class FakeTokenIssuer implements TokenIssuer {
  @Override
  public AccessToken issue(User user, String sessionId) {
    return new AccessToken(
        "token-for-" + user.id() + "@" + sessionId, Instant.parse("2030-01-01T00:00:00Z"));
  }
}
