package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Handshake;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Socket upgrades from foreign web pages are refused before the upgrade; CORS answers only the
 * configured origins. The test server runs on a configured database, so only the listed origin (and
 * same-origin pages) count as allowed, not localhost pages.
 */
@MicronautTest(transactional = false)
class OriginAndCorsTest extends ApiTestBase {
  private static final String ALLOWED = "https://app.example.com";
  private static final String EVIL = "https://evil.example.net";

  @Override
  protected Map<String, String> extraProperties() {
    return Map.of("parley.security.allowed-origins", ALLOWED + ",https://other.example.com/");
  }

  private String socketPath(Session user) {
    return "/chat/ws?token=" + user.token();
  }

  @Test
  void upgradeFromAForeignOriginIsRefusedWith403OnEverySocketSurface() throws Exception {
    Session alice = api.newUser("origin_evil");
    for (String path :
        List.of(
            socketPath(alice),
            "/ws/chat/1?token=" + alice.token(),
            "/api/chat/ws/1?token=" + alice.token(),
            "/ws/" + alice.id() + "/1/1?token=" + alice.token())) {
      try (Handshake refused = Handshake.send(api.base(), path, "Origin: " + EVIL)) {
        assertThat(refused.status()).as(path).isEqualTo(403);
        assertThat(refused.header("content-type")).contains("application/json");
        JsonNode body = Api.parse(refused.body());
        assertThat(body.get("error").getStringValue()).isEqualTo("forbidden");
        assertThat(body.get("message").getStringValue())
            .contains(EVIL)
            .contains("parley.security.allowed-origins");
      }
    }
    // Also without a token: the origin is judged first, so the answer is still the clear 403.
    try (Handshake refused = Handshake.send(api.base(), "/chat/ws", "Origin: " + EVIL)) {
      assertThat(refused.status()).isEqualTo(403);
    }
    // "null" (sandboxed frames, local files) is no origin we can vouch for.
    try (Handshake refused = Handshake.send(api.base(), socketPath(alice), "Origin: null")) {
      assertThat(refused.status()).isEqualTo(403);
    }
  }

  @Test
  void upgradeFromAnAllowedOriginOpens() throws Exception {
    Session alice = api.newUser("origin_ok");
    for (String origin : List.of(ALLOWED, "https://other.example.com")) {
      try (Handshake ok = Handshake.send(api.base(), socketPath(alice), "Origin: " + origin)) {
        assertThat(ok.status()).as(origin).isEqualTo(101);
        assertThat(ok.firstFrame(10_000)).contains("\"connected\"");
      }
    }
  }

  @Test
  void upgradeFromTheSameOriginOpens() throws Exception {
    Session alice = api.newUser("origin_same");
    int port = api.base().getPort();
    // A page served by this server: its origin's host and port are the request's Host.
    try (Handshake ok =
        Handshake.send(
            api.base(),
            socketPath(alice),
            "Host: localhost:" + port,
            "Origin: http://localhost:" + port)) {
      assertThat(ok.status()).isEqualTo(101);
    }
    // Behind a TLS proxy: https page, default port, Host without a port.
    try (Handshake ok =
        Handshake.send(
            api.base(),
            socketPath(alice),
            "Host: chat.example.org",
            "Origin: https://chat.example.org")) {
      assertThat(ok.status()).isEqualTo(101);
    }
    // Same host, another port: another origin, and not listed.
    try (Handshake refused =
        Handshake.send(
            api.base(),
            socketPath(alice),
            "Host: localhost:" + port,
            "Origin: http://localhost:" + (port == 1 ? 2 : port - 1))) {
      assertThat(refused.status()).isEqualTo(403);
    }
  }

  @Test
  void upgradeWithoutOriginOpens() throws Exception {
    Session alice = api.newUser("origin_none");
    try (Handshake ok = Handshake.send(api.base(), socketPath(alice))) {
      assertThat(ok.status()).isEqualTo(101);
    }
  }

  private Response preflight(String origin, String path) {
    return api.send(
        "OPTIONS",
        path,
        null,
        null,
        null,
        "Origin",
        origin,
        "Access-Control-Request-Method",
        "POST",
        "Access-Control-Request-Headers",
        "authorization,content-type,idempotency-key");
  }

  @Test
  void corsPreflightFromAnAllowedOriginIsAnswered() {
    Response answer = preflight(ALLOWED, "/chat/servers");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.header("Access-Control-Allow-Origin")).contains(ALLOWED);
    assertThat(answer.header("Access-Control-Allow-Methods"))
        .hasValueSatisfying(v -> assertThat(v).contains("POST"));
    assertThat(String.join(",", answer.raw().headers().allValues("Access-Control-Allow-Headers")))
        .containsIgnoringCase("authorization")
        .containsIgnoringCase("content-type")
        .containsIgnoringCase("idempotency-key");
    assertThat(answer.header("Access-Control-Allow-Credentials")).isEmpty();

    Session alice = api.newUser("cors_ok");
    Response real = api.send("GET", "/chat/servers", null, null, alice.token(), "Origin", ALLOWED);
    assertThat(real.status()).isEqualTo(200);
    assertThat(real.header("Access-Control-Allow-Origin")).contains(ALLOWED);
    assertThat(String.join(",", real.raw().headers().allValues("Access-Control-Expose-Headers")))
        .containsIgnoringCase("Retry-After")
        .containsIgnoringCase("X-Request-Id");
  }

  @Test
  void corsFromAForeignOriginGetsNoAllowOrigin() {
    Response answer = preflight(EVIL, "/chat/servers");
    assertThat(answer.status()).as(answer.toString()).isGreaterThanOrEqualTo(400).isLessThan(500);
    assertThat(answer.header("Access-Control-Allow-Origin")).isEmpty();

    Session alice = api.newUser("cors_evil");
    Response real = api.send("GET", "/chat/servers", null, null, alice.token(), "Origin", EVIL);
    assertThat(real.header("Access-Control-Allow-Origin")).isEmpty();
    // A localhost page is not trusted either: this server is not in embedded mode.
    Response local = preflight("http://localhost:5173", "/chat/servers");
    assertThat(local.header("Access-Control-Allow-Origin")).isEmpty();
  }
}
