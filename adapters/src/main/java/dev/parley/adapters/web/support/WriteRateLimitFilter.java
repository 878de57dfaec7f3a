package dev.parley.adapters.web.support;

import dev.parley.adapters.web.error.Refusals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * REST writes draw from the caller's {@link WriteBudget}, the one their socket frames use: every
 * authenticated POST, PUT, PATCH or DELETE except the session routes under {@code /auth} (which
 * have their own throttles). Over the budget the answer is 429 {@code rate_limited} with {@code
 * Retry-After}, before the body is read or any route runs. Reads are never counted.
 */
@ServerFilter(
    value = ServerFilter.MATCH_ALL_PATTERN,
    methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
public class WriteRateLimitFilter implements Ordered {
  private static final Pattern SESSION_ROUTE = Pattern.compile("/(api/)?auth/[a-z-]+/?");

  private final WriteBudget budget;
  private final Counter refused;

  WriteRateLimitFilter(WriteBudget budget, MeterRegistry registry) {
    this.budget = budget;
    this.refused =
        Counter.builder("parley.rate.limited")
            .description("Writes refused for the rate")
            .tag("surface", "rest")
            .register(registry);
  }

  /**
   * Asked on the event loop: moving this filter to another executor ({@code @ExecuteOn}) lost the
   * early 413 of an over-limit upload sent with {@code Expect: 100-continue} (the connection closed
   * unanswered). The local budget answers in memory; the Redis one is one short command, bounded by
   * {@code parley.redis.command-timeout}, with the local fallback while Redis is away.
   */
  @RequestFilter
  @Nullable
  public HttpResponse<?> limit(HttpRequest<?> request) {
    if (isSessionRoute(request.getPath())) {
      return null;
    }
    Optional<Authentication> caller = request.getUserPrincipal(Authentication.class);
    if (caller.isEmpty()) {
      // Anonymous writes are refused (401) or are the account routes, throttled per address.
      return null;
    }
    long userId;
    try {
      userId = Caller.id(caller.get());
    } catch (RuntimeException notAUserToken) {
      return null;
    }
    Optional<Duration> wait = budget.tryTake(userId);
    if (wait.isEmpty()) {
      return null;
    }
    refused.increment();
    return Refusals.rateLimited(
        "Too many writes; retry in " + Refusals.retryAfterSeconds(wait.get()) + " seconds",
        wait.get());
  }

  /**
   * {@code /auth/<name>} and {@code /api/auth/<name>} (a trailing slash routes the same), and only
   * those: a path with dot segments or doubled slashes is counted like any other write.
   */
  private static boolean isSessionRoute(String path) {
    return SESSION_ROUTE.matcher(path).matches();
  }

  /** After authentication, so the caller is known; the budget is per user. */
  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.after();
  }
}
