package dev.parley.application.fakes;

import dev.parley.application.port.out.TokenIssuer;
import dev.parley.domain.user.User;
import java.time.Instant;

/** Issues readable fake tokens naming the user id. */
public class FakeTokenIssuer implements TokenIssuer {
  @Override
  public AccessToken issue(User user) {
    return new AccessToken("token-for-" + user.id(), Instant.parse("2030-01-01T00:00:00Z"));
  }
}
