package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Hardening headers on JSON answers, error answers and HTML pages. */
@MicronautTest(transactional = false)
class SecurityHeadersTest extends ApiTestBase {

  private static void assertHardened(Response response) {
    assertThat(response.header("X-Content-Type-Options"))
        .as(response.toString())
        .contains("nosniff");
    assertThat(response.header("X-Frame-Options")).contains("DENY");
    assertThat(response.header("Referrer-Policy")).contains("no-referrer");
  }

  private static void assertApiHeaders(Response response) {
    assertHardened(response);
    assertThat(response.header("Cache-Control")).contains("no-store");
    assertThat(response.header("Content-Security-Policy"))
        .contains("default-src 'none'; frame-ancestors 'none'");
    assertThat(response.header("Content-Type")).contains("application/json;charset=utf-8");
  }

  @Test
  void jsonAnswersCarryTheHeaders() {
    Session alice = api.newUser("headers");
    Response servers = api.get("/chat/servers", alice.token());
    assertThat(servers.status()).isEqualTo(200);
    assertApiHeaders(servers);

    Response rooms = api.get("/api/rooms", alice.token());
    assertThat(rooms.status()).isEqualTo(200);
    assertApiHeaders(rooms);

    Response login =
        api.post(
            "/auth/login",
            "{\"username\":\"" + alice.username() + "\",\"password\":\"password123\"}",
            null);
    assertThat(login.status()).isEqualTo(200);
    // A token must never sit in a cache.
    assertApiHeaders(login);
  }

  @Test
  void errorAnswersCarryTheHeaders() {
    Response unknown = api.get("/chat/no-such-route", null);
    assertThat(unknown.status()).isEqualTo(404);
    assertApiHeaders(unknown);

    Response anonymous = api.get("/chat/servers", null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertApiHeaders(anonymous);

    Response badJson = api.post("/auth/login", "{", null);
    assertThat(badJson.status()).isEqualTo(400);
    assertApiHeaders(badJson);
  }

  @Test
  void theTestPageAllowsExactlyItsOwnInlineScriptAndStyle() throws Exception {
    Response page = api.get("/test", null);
    assertThat(page.status()).isEqualTo(200);
    assertHardened(page);
    assertThat(page.header("Content-Type")).contains("text/html;charset=utf-8");
    String csp = page.header("Content-Security-Policy").orElseThrow();
    assertThat(csp)
        .startsWith("default-src 'none';")
        .contains("script-src 'sha256-" + sha256(block("script", page.body())) + "'")
        .contains("style-src 'sha256-" + sha256(block("style", page.body())) + "'")
        .contains("connect-src 'self' ws://" + api.base().getAuthority())
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe");
    // No inline event handlers or style attributes, which the hashes would not cover.
    assertThat(page.body()).doesNotContain("style=\"").doesNotContainPattern(" on[a-z]+=");
  }

  @Test
  void theApiDocsStillLoad() {
    Response docs = api.get("/swagger-ui/index.html", null);
    assertThat(docs.status()).isEqualTo(200);
    assertHardened(docs);
    assertThat(docs.header("Content-Security-Policy"))
        .hasValueSatisfying(
            csp ->
                assertThat(csp)
                    .contains("script-src 'self' 'unsafe-inline'")
                    .contains("img-src 'self' data:"));
    assertThat(api.get("/docs/parley.yml", null).status()).isEqualTo(200);
  }

  private static String block(String tag, String html) {
    Matcher m = Pattern.compile("<" + tag + ">(.*?)</" + tag + ">", Pattern.DOTALL).matcher(html);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static String sha256(String text) throws Exception {
    return Base64.getEncoder()
        .encodeToString(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
