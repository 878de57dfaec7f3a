package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.ApiTestBase;
import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document served at {@code /docs/parley.yml} describes every REST route the router
 * knows, so a route cannot ship undocumented; only the documentation's own pages, probes, metrics
 * and socket upgrades (described in docs/protocol.md) are left out.
 */
@MicronautTest(transactional = false)
class OpenApiCoverageTest extends ApiTestBase {
  private static final Pattern PATH = Pattern.compile("(?m)^  (/[^:\\s]*):\\s*$");
  private static final Set<String> UNDOCUMENTED =
      Set.of(
          "/docs",
          "/test",
          "/health",
          "/health/{selector}",
          "/metrics",
          "/chat/ws",
          "/ws/{userId}/{serverId}/{channelId}",
          "/api/chat/ws/{conversationId}",
          "/ws/chat/{roomId}");

  @Inject Router router;

  @Test
  void everyRouteIsInTheOpenApiDocument() {
    Response yaml = api.get("/docs/parley.yml", null);
    assertThat(yaml.status()).isEqualTo(200);
    Set<String> documented = new TreeSet<>();
    Matcher m = PATH.matcher(yaml.body());
    while (m.find()) {
      documented.add(m.group(1));
    }
    Set<String> routes = new TreeSet<>();
    router
        .uriRoutes()
        .filter(route -> route.getHttpMethod() != HttpMethod.HEAD)
        .map(UriRouteInfo::getUriMatchTemplate)
        .map(t -> t.toPathString())
        .filter(path -> !UNDOCUMENTED.contains(path) && !path.startsWith("/swagger"))
        .filter(path -> !path.startsWith("/docs/"))
        .forEach(routes::add);

    assertThat(documented).as("paths in the OpenAPI document").contains("/chat/threads/{threadId}");
    assertThat(routes).as("REST routes the router knows").hasSizeGreaterThan(60);
    routes.removeAll(documented);
    assertThat(routes).as("routes missing from the OpenAPI document").isEmpty();
  }
}
