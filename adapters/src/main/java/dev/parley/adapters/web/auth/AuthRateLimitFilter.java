package dev.parley.adapters.web.auth;

import dev.parley.adapters.web.error.Refusals;
import dev.parley.adapters.web.support.ClientAddress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.reactivestreams.Publisher;

/**
 * Per-address limits on the account routes, checked before the body is read or a password hashed:
 * login attempts and registrations ({@link AddressBudgets}, shared by every node with Redis). Over
 * the limit the answer is 429 {@code rate_limited} with {@code Retry-After}. The per-account limit
 * on failed logins is the login use case's own ({@code LoginThrottle}).
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class AuthRateLimitFilter implements HttpServerFilter {
  private static final Set<String> LOGIN = Set.of("/auth/login", "/api/auth/login");
  private static final Set<String> SIGN_UP = Set.of("/auth/register", "/api/auth/signup");

  private final ClientAddress addresses;
  private final AddressBudgets budgets;
  private final Counter loginsThrottled;
  private final Counter signUpsThrottled;

  AuthRateLimitFilter(ClientAddress addresses, AddressBudgets budgets, MeterRegistry registry) {
    this.addresses = addresses;
    this.budgets = budgets;
    this.loginsThrottled = throttled(registry, "login");
    this.signUpsThrottled = throttled(registry, "sign_up");
  }

  private static Counter throttled(MeterRegistry registry, String route) {
    return Counter.builder("parley.auth.throttled")
        .description("Logins and sign-ups refused for their address's rate")
        .tag("route", route)
        .register(registry);
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    String path = routePath(request.getPath());
    boolean login = LOGIN.contains(path);
    if (request.getMethod() != HttpMethod.POST || !(login || SIGN_UP.contains(path))) {
      return chain.proceed(request);
    }
    String address = addresses.of(request);
    Optional<Duration> wait =
        (login ? budgets.logins() : budgets.signUps()).tryTake("address:" + address);
    if (wait.isEmpty()) {
      return chain.proceed(request);
    }
    (login ? loginsThrottled : signUpsThrottled).increment();
    String what = login ? "login attempts" : "sign-ups";
    return Publishers.just(
        Refusals.rateLimited(
            "Too many "
                + what
                + " from this address; retry in "
                + Refusals.retryAfterSeconds(wait.get())
                + " seconds",
            wait.get()));
  }

  /** The path as routing sees it: the router also takes {@code /auth/login/} for the route. */
  private static String routePath(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  /** After CORS, so a page from an allowed origin can read the 429 and its Retry-After. */
  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.before();
  }
}
