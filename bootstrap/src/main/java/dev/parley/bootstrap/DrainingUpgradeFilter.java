package dev.parley.bootstrap;

import dev.parley.adapters.web.error.Refusals;
import dev.parley.adapters.web.support.SocketUpgrades;
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

/** Refuses new socket upgrades with 503 {@code unavailable} once the node has begun to drain. */
@Filter(Filter.MATCH_ALL_PATTERN)
public class DrainingUpgradeFilter implements HttpServerFilter {
  private final DrainingIndicator drain;

  DrainingUpgradeFilter(DrainingIndicator drain) {
    this.drain = drain;
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    // Accepting the upgrade only to close it with 1001 a moment later would cost the client a
    // round trip and a resume; a 503 before the upgrade lets a load balancer try another node
    // (nginx: proxy_next_upstream http_503). REST requests still pass: the drain lets them finish.
    if (!drain.draining() || !SocketUpgrades.is(request)) {
      return chain.proceed(request);
    }
    return Publishers.just(
        Refusals.of(HttpStatus.SERVICE_UNAVAILABLE, "This node is shutting down; connect again")
            .header(HttpHeaders.RETRY_AFTER, "1"));
  }

  /**
   * Inside the security-headers and bodiless-error filters (so the answer has the usual headers),
   * before origin and authentication checks: a draining node refuses every upgrade alike, and a
   * single-use socket ticket is not spent here, so the balancer's retry on another node can use it.
   */
  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.order() + 2;
  }
}
