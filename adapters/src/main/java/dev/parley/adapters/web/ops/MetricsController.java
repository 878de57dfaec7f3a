package dev.parley.adapters.web.ops;

import dev.parley.adapters.web.error.ErrorBody;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics}: every meter in Prometheus' text format, for a scraper only. With {@code
 * parley.metrics.token} set, a scrape must carry it as a bearer token; without one, only a client
 * on this machine may read it, and a request that came through a proxy never counts as one.
 */
@Controller("/metrics")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class MetricsController {
  private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final byte[] token;

  MetricsController(PrometheusMeterRegistry registry, MetricsSettings settings) {
    this.registry = registry;
    String token = settings.getToken();
    this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  @Get(produces = TEXT_FORMAT)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<?> scrape(HttpRequest<?> request) {
    if (!allowed(request)) {
      return HttpResponse.status(HttpStatus.FORBIDDEN)
          .contentType(MediaType.APPLICATION_JSON_TYPE)
          .body(
              ErrorBody.of(
                  "forbidden",
                  token == null
                      ? "Metrics are readable from this machine only; set parley.metrics.token"
                          + " to scrape from elsewhere"
                      : "A scrape needs the metrics bearer token"));
    }
    return HttpResponse.ok(registry.scrape()).contentType(TEXT_FORMAT);
  }

  private boolean allowed(HttpRequest<?> request) {
    if (token != null) {
      String presented = bearer(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
      return presented != null
          && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }
    boolean proxied =
        request.getHeaders().contains("X-Forwarded-For")
            || request.getHeaders().contains("Forwarded");
    return !proxied && request.getRemoteAddress().getAddress().isLoopbackAddress();
  }

  private static String bearer(@Nullable String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).trim();
  }
}
