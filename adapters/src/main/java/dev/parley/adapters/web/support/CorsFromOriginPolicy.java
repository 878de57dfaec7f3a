package dev.parley.adapters.web.support;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.server.HttpServerConfiguration.CorsConfiguration;
import io.micronaut.http.server.cors.CorsOriginConfiguration;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Points Micronaut's CORS support ({@code micronaut.server.cors.enabled}) at the same origins the
 * sockets accept, so there is one allow-list. Bearer tokens travel in a header, never in cookies,
 * so credentials are not allowed; {@code Retry-After} is exposed so pages can honour 429s, and
 * {@code X-Request-Id} so they can quote a failed request's id.
 */
@Singleton
public class CorsFromOriginPolicy implements BeanCreatedEventListener<CorsConfiguration> {
  private final OriginPolicy origins;

  CorsFromOriginPolicy(OriginPolicy origins) {
    this.origins = origins;
  }

  @Override
  public CorsConfiguration onCreated(BeanCreatedEvent<CorsConfiguration> event) {
    CorsConfiguration cors = event.getBean();
    CorsOriginConfiguration parley = new CorsOriginConfiguration();
    if (origins.allowsAny()) {
      parley.setAllowedOrigins(CorsOriginConfiguration.ANY);
    } else {
      parley.setAllowedOrigins(origins.exactOrigins());
      if (origins.allowsLocal()) {
        parley.setAllowedOriginsRegex(OriginPolicy.LOCAL_ORIGINS_REGEX);
      }
    }
    parley.setAllowedMethods(
        List.of(
            HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE));
    parley.setAllowedHeaders(
        List.of(
            HttpHeaders.AUTHORIZATION,
            HttpHeaders.CONTENT_TYPE,
            "Idempotency-Key",
            LogContext.HEADER));
    // A page that reports a failure can quote the request id the server logged it under.
    parley.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER, LogContext.HEADER));
    parley.setAllowCredentials(false);
    parley.setMaxAge(600L);
    // Replaces any micronaut.server.cors.configurations: parley.security.* is the one list.
    cors.setConfigurations(Map.of("parley", parley));
    return cors;
  }
}
