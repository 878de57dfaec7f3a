package dev.parley.adapters.web.support;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Accepts {@code ?ticket=} or {@code ?token=} on WebSocket upgrades only, because browsers cannot
 * set headers there; REST never takes tokens from URLs, which end up in logs and histories.
 */
@Singleton
public class SocketQueryTokenReader implements TokenReader<HttpRequest<?>> {
  @Override
  public Optional<String> findToken(HttpRequest<?> request) {
    if (!SocketUpgrades.is(request)) {
      return Optional.empty();
    }
    // A single-use ticket (POST /auth/socket-ticket) keeps long-lived tokens out of URLs.
    return request
        .getParameters()
        .getFirst("ticket")
        .or(() -> request.getParameters().getFirst("token"))
        .filter(token -> !token.isBlank());
  }

  @Override
  public int getOrder() {
    return LOWEST_PRECEDENCE;
  }
}
