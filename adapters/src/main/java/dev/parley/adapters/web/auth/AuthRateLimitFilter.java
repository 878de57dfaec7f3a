package dev.parley.adapters.web.auth;

import dev.parley.adapters.web.error.Refusals;
import dev.parley.adapters.web.support.ClientAddress;
import dev.parley.adapters.web.support.KeyedBuckets;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.annotation.Scheduled;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.reactivestreams.Publisher;

/**
 * Per-address limits on the account routes, checked before the body is read or a password hashed:
 * login attempts (default 30 a minute) and registrations (default 5 per 10 minutes). Over the limit
 * the answer is 429 {@code rate_limited} with {@code Retry-After}. The per-account limit on failed
 * logins is the login use case's own ({@code LoginThrottle}).
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class AuthRateLimitFilter implements HttpServerFilter {
  private static final Set<String> LOGIN = Set.of("/auth/login", "/api/auth/login");
  private static final Set<String> SIGN_UP = Set.of("/auth/register", "/api/auth/signup");

  private final ClientAddress addresses;
  private final KeyedBuckets logins;
  private final KeyedBuckets registrations;

  AuthRateLimitFilter(
      ClientAddress addresses,
      @Value("${parley.security.login.max-attempts-per-address:30}") long loginAttempts,
      @Value("${parley.security.login.address-window:1m}") Duration loginWindow,
      @Value("${parley.security.registration.max-per-address:5}") long registrations,
      @Value("${parley.security.registration.window:10m}") Duration registrationWindow) {
    this.addresses = addresses;
    this.logins = new KeyedBuckets(loginAttempts, loginWindow);
    this.registrations = new KeyedBuckets(registrations, registrationWindow);
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
    Optional<Duration> wait = (login ? logins : registrations).tryTake(address);
    if (wait.isEmpty()) {
      return chain.proceed(request);
    }
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

  @Scheduled(fixedDelay = "1m")
  void forgetRefilled() {
    logins.forgetRefilled();
    registrations.forgetRefilled();
  }

  /** After CORS, so a page from an allowed origin can read the 429 and its Retry-After. */
  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.before();
  }
}
