package dev.parley.adapters.web.support;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request an id (echoed in {@code X-Request-Id}, and in the MDC of every line logged
 * while handling it), then writes one access-log line per request: method, path as {@link
 * LoggedPath} writes it (no query string, no secrets), status and duration. Bodies and headers are
 * never logged.
 *
 * <p>A filter method, not an {@link io.micronaut.http.filter.HttpServerFilter}: Micronaut runs
 * every {@code @ResponseFilter} method only once the whole request phase is over, so after the
 * {@code chain.proceed} of every such "legacy" filter has emitted, whatever their order. A legacy
 * filter logged the route's own status, before {@code HealthResultFilter} turned a DOWN health
 * result into 503. As the second filter of all, this response filter runs after every other but the
 * outermost one, which has none, and logs the status the client receives.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestLogFilter implements Ordered {
  private static final Logger LOG = LoggerFactory.getLogger("parley.access");
  private static final String START = "parley.request-start";

  @RequestFilter
  public void assignId(HttpRequest<?> request, MutablePropagatedContext context) {
    String requestId = LogContext.assignRequestId(request);
    request.setAttribute(START, System.nanoTime());
    // Micronaut carries the propagated context (and so the MDC) to every thread and filter that
    // handles the rest of the request.
    context.add(new MdcPropagationContext(Map.of(LogContext.REQUEST_ID, requestId)));
  }

  @ResponseFilter
  public void log(HttpRequest<?> request, MutableHttpResponse<?> response) {
    LogContext.requestId(request).ifPresent(id -> response.header(LogContext.HEADER, id));
    if (!LOG.isInfoEnabled()) {
      return;
    }
    // Set here, not inherited: this runs wherever the response was produced, and only now is the
    // user known (the security filter runs after this one).
    MdcPropagationContext fields = LogContext.ofRequest(request);
    Map<String, String> previous = fields.updateThreadContext();
    try {
      LOG.info(
          "{} {} {} {}ms",
          request.getMethodName(),
          LoggedPath.of(request),
          statusSent(request, response),
          elapsedMillis(request));
    } finally {
      fields.restoreThreadContext(previous);
    }
  }

  /**
   * The status the client receives. An accepted WebSocket upgrade passes the filters as a 200; the
   * handshake that follows answers 101 Switching Protocols.
   */
  static int statusSent(HttpRequest<?> request, MutableHttpResponse<?> response) {
    int code = response.code();
    return code == 200 && SocketUpgrades.is(request) ? 101 : code;
  }

  private static long elapsedMillis(HttpRequest<?> request) {
    return request
        .getAttribute(START, Long.class)
        .map(start -> (System.nanoTime() - start) / 1_000_000)
        .orElse(0L);
  }

  /** Inside {@code UpgradeOnEventLoopFilter}, outside every other filter. */
  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE + 1;
  }
}
