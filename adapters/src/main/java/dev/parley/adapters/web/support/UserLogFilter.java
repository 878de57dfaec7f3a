package dev.parley.adapters.web.support;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/** Adds the authenticated user's id to the MDC of the rest of the request (routes, errors). */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class UserLogFilter implements Ordered {

  @RequestFilter
  public void addUser(HttpRequest<?> request, MutablePropagatedContext context) {
    if (LogContext.userId(request).isPresent()) {
      // Applied after the request-id element RequestLogFilter added, so it wins while it lasts.
      context.add(LogContext.ofRequest(request));
    }
  }

  /** After authentication, so the caller is known. */
  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.after();
  }
}
