package dev.parley.adapters.web.support;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One access-log line per request: method, path as {@link LoggedPath} writes it (no query string,
 * no secrets), status and duration. Bodies and headers are never logged.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class RequestLogFilter implements HttpServerFilter {
  private static final Logger LOG = LoggerFactory.getLogger("parley.access");

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    if (!LOG.isInfoEnabled()) {
      return chain.proceed(request);
    }
    long start = System.nanoTime();
    return Publishers.map(
        chain.proceed(request),
        response -> {
          LOG.info(
              "{} {} {} {}ms",
              request.getMethodName(),
              LoggedPath.of(request),
              response.code(),
              (System.nanoTime() - start) / 1_000_000);
          return response;
        });
  }

  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE;
  }
}
