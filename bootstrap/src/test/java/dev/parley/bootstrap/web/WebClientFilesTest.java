package dev.parley.bootstrap.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.ApiTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/** The web client's files are served to anyone, with a policy that lets only them run. */
@MicronautTest(transactional = false)
class WebClientFilesTest extends ApiTestBase {

  @Test
  void indexIsServedAtTheRootToAnonymousVisitors() {
    Response page = api.get("/", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.body()).contains("<script type=\"module\" src=\"/app/app.js\">");
    String csp = page.header("Content-Security-Policy").orElseThrow();
    assertThat(csp)
        .contains("default-src 'none'", "script-src 'self';", "style-src 'self';")
        .contains("connect-src 'self' ws://" + api.base().getAuthority())
        .doesNotContain("unsafe-inline");
  }

  @Test
  void modulesAndStylesAreServed() {
    for (String path :
        new String[] {
          "/app/app.js", "/app/api.js", "/app/socket.js", "/app/store.js", "/app/views/messages.js"
        }) {
      Response file = api.get(path, null);
      assertThat(file.status()).as(path).isEqualTo(200);
      assertThat(file.header("Content-Type").orElseThrow()).as(path).contains("javascript");
    }
    assertThat(api.get("/app/app.css", null).header("Content-Type").orElseThrow())
        .startsWith("text/css");
  }

  @Test
  void theTestPageAndTheApiKeepTheirRules() {
    assertThat(api.get("/test", null).status()).isEqualTo(200);
    assertThat(api.get("/test.html", null).status()).isEqualTo(404);
    assertThat(api.get("/app/missing.js", null).status()).isEqualTo(404);
    Response servers = api.get("/chat/servers", null);
    assertThat(servers.status()).isEqualTo(401);
    assertThat(servers.header("Content-Security-Policy").orElseThrow())
        .isEqualTo("default-src 'none'; frame-ancestors 'none'");
  }
}
