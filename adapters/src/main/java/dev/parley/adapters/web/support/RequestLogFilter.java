package dev.parley.adapters.web.support;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request an id (echoed in {@code X-Request-Id}, and in the MDC of every line logged
 * while handling it), then writes one access-log line per request: method, path as {@link
 * LoggedPath} writes it (no query string, no secrets), status and duration. Bodies and headers are
 * never logged.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class RequestLogFilter implements HttpServerFilter {
  private static final Logger LOG = LoggerFactory.getLogger("parley.access");

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    String requestId = LogContext.assignRequestId(request);
    long start = System.nanoTime();
    // Micronaut carries the propagated context (and so the MDC) to every thread and filter that
    // handles the rest of the request.
    try (PropagatedContext.Scope ignored =
        PropagatedContext.getOrEmpty()
            .plus(new MdcPropagationContext(Map.of(LogContext.REQUEST_ID, requestId)))
            .propagate()) {
      return Publishers.map(
          chain.proceed(request),
          response -> {
            response.header(LogContext.HEADER, requestId);
            if (LOG.isInfoEnabled()) {
              // Set here, not inherited: this runs wherever the response was produced, and only
              // now is the user known (the security filter runs after this one).
              MdcPropagationContext fields = LogContext.ofRequest(request);
              Map<String, String> previous = fields.updateThreadContext();
              try {
                LOG.info(
                    "{} {} {} {}ms",
                    request.getMethodName(),
                    LoggedPath.of(request),
                    response.code(),
                    (System.nanoTime() - start) / 1_000_000);
              } finally {
                fields.restoreThreadContext(previous);
              }
            }
            return response;
          });
    }
  }

  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE + 1;
  }
}
