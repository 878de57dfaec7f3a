package dev.parley.adapters.web.support;

import dev.parley.adapters.web.error.Refusals;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;

/**
 * Refuses WebSocket upgrades from web pages of foreign origins with a 403, before the upgrade and
 * before authentication. Browsers apply no CORS to sockets and attach a page's origin instead, so
 * without this any website could open a socket with a token it got hold of (or, with cookies, the
 * visitor's session). Requests without {@code Origin} come from non-browser clients and pass.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class SocketOriginFilter implements HttpServerFilter {
  private final OriginPolicy origins;

  SocketOriginFilter(OriginPolicy origins) {
    this.origins = origins;
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    if (!SocketUpgrades.is(request)) {
      return chain.proceed(request);
    }
    String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
    if (origin == null
        || origins.allows(origin)
        || OriginPolicy.sameOrigin(origin, request.getHeaders().get(HttpHeaders.HOST))) {
      return chain.proceed(request);
    }
    return Publishers.just(
        Refusals.of(
            HttpStatus.FORBIDDEN,
            "Origin "
                + printable(origin)
                + " may not open sockets here; add it to parley.security.allowed-origins"));
  }

  /** The origin as sent, cut short and stripped of control characters, for the error message. */
  private static String printable(String origin) {
    String clean = origin.replaceAll("\\p{Cntrl}", "");
    return clean.length() > 100 ? clean.substring(0, 100) + "..." : clean;
  }

  /** Before the CORS and security filters, so a foreign page always gets this clear answer. */
  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.after();
  }
}
