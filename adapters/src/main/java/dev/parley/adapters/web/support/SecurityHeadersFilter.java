package dev.parley.adapters.web.support;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;

/**
 * Hardening headers on every answer, errors included: no MIME sniffing, no framing, no referrer, no
 * caching of API answers (they carry private data), and an explicit UTF-8 charset on JSON. The
 * Content-Security-Policy forbids everything for API answers; the API docs get one that lets
 * Swagger UI run; the web client (at {@code /} and {@code /app/}) one that lets its own scripts,
 * styles and sockets load and nothing else. Pages that set their own policy (the {@code /test}
 * page) keep it.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter implements HttpServerFilter {
  /** For JSON and other non-page answers: nothing may load, nothing may frame them. */
  public static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

  /** Swagger UI's generated page bootstraps itself with an inline script and inline styles. */
  public static final String DOCS_CSP =
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none';"
          + " form-action 'self'";

  /** The web client: its own files only, no inline script, sockets to this server only. */
  public static final String APP_CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
          + " connect-src 'self'%s; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

  private static final Pattern SAFE_HOST = Pattern.compile("[A-Za-z0-9.\\-:\\[\\]]{1,262}");

  private static final String JSON_UTF8 = MediaType.APPLICATION_JSON + ";charset=utf-8";

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    boolean docs = isDocs(request.getPath());
    String csp = docs ? DOCS_CSP : isApp(request.getPath()) ? appPolicy(request) : API_CSP;
    return Publishers.map(
        chain.proceed(request),
        response -> {
          MutableHttpHeaders headers = response.getHeaders();
          setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
          setIfAbsent(headers, "X-Frame-Options", "DENY");
          setIfAbsent(headers, "Referrer-Policy", "no-referrer");
          setIfAbsent(headers, "Content-Security-Policy", csp);
          if (isJson(request, response)) {
            response.contentType(JSON_UTF8);
          }
          if (!docs) {
            // The docs are static files; everything else may be personal.
            setIfAbsent(headers, HttpHeaders.CACHE_CONTROL, "no-store");
          }
          return response;
        });
  }

  /**
   * A JSON answer without a charset: error bodies carry their type already, route answers only
   * their route's {@code produces} until they are encoded, after this filter.
   */
  private static boolean isJson(HttpRequest<?> request, MutableHttpResponse<?> response) {
    Optional<MediaType> type = response.getContentType();
    if (type.isPresent()) {
      return type.get().matches(MediaType.APPLICATION_JSON_TYPE)
          && type.get().getCharset().isEmpty();
    }
    if (response.getBody().isEmpty()) {
      return false;
    }
    List<MediaType> produces =
        RouteAttributes.getRouteInfo(request).map(RouteInfo::getProduces).orElse(List.of());
    return produces.size() == 1 && produces.get(0).matches(MediaType.APPLICATION_JSON_TYPE);
  }

  private static boolean isDocs(String path) {
    return path.equals("/docs") || path.startsWith("/docs/") || path.startsWith("/swagger-ui/");
  }

  private static boolean isApp(String path) {
    return path.equals("/") || path.equals("/index.html") || path.startsWith("/app/");
  }

  /** 'self' covers same-host sockets only in newer browsers; name them for the others. */
  private static String appPolicy(HttpRequest<?> request) {
    String host = request.getHeaders().get(HttpHeaders.HOST);
    String sockets =
        host != null && SAFE_HOST.matcher(host).matches() ? " ws://" + host + " wss://" + host : "";
    return String.format(APP_CSP, sockets);
  }

  private static void setIfAbsent(MutableHttpHeaders headers, String name, String value) {
    if (!headers.contains(name)) {
      headers.set(name, value);
    }
  }

  /** Outside every other filter, so refusals made by them get the headers too. */
  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.order();
  }
}
