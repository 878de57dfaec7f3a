package dev.parley.adapters.web.socket;

import dev.parley.adapters.web.error.Refusals;
import dev.parley.adapters.web.support.Caller;
import dev.parley.adapters.web.support.ClientAddress;
import dev.parley.adapters.web.support.SocketUpgrades;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * Refuses a socket upgrade with 429 JSON, before the upgrade, when the user or the client address
 * already holds its share of open sockets. Upgrades racing past this check in parallel are caught
 * when the socket opens ({@link SocketSupport#open}), which closes the extra ones with {@link
 * CloseCodes#RATE_LIMITED}.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class SocketCapFilter implements HttpServerFilter {
  private final ConnectionCaps caps;
  private final ClientAddress addresses;

  SocketCapFilter(ConnectionCaps caps, ClientAddress addresses) {
    this.caps = caps;
    this.addresses = addresses;
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    if (!SocketUpgrades.is(request)) {
      return chain.proceed(request);
    }
    Optional<Authentication> user = request.getUserPrincipal(Authentication.class);
    if (user.isEmpty()) {
      return chain.proceed(request);
    }
    Optional<String> refusal = caps.refusal(Caller.id(user.get()), addresses.of(request));
    if (refusal.isEmpty()) {
      return chain.proceed(request);
    }
    return Publishers.just(Refusals.of(HttpStatus.TOO_MANY_REQUESTS, refusal.get()));
  }

  /** After authentication, which tells whose socket this is. */
  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.after();
  }
}
