package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Tokens;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@MicronautTest(transactional = false)
class AuthApiTest extends ApiTestBase {

  private static String credentials(String username, String password) {
    return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
  }

  private static void assertErrorShape(Response response, int status, String code) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.header("content-type"))
        .hasValueSatisfying(v -> assertThat(v).contains("json"));
    JsonNode json = response.json();
    assertThat(json.get("error").getStringValue()).isEqualTo(code);
    assertThat(json.get("message").getStringValue()).isNotBlank();
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void registerLoginWithJsonAndFormThenReadMe() {
    String name = Api.uniqueName("john_doe");
    Response registered =
        api.post(
            "/auth/register",
            "{\"username\":\""
                + name
                + "\",\"email\":\"john@example.com\",\"password\":\"SecurePass123!\"}",
            null);
    assertThat(registered.status()).isEqualTo(201);
    JsonNode user = registered.json();
    assertThat(user.get("id").isNumber()).isTrue();
    assertThat(user.get("username").getStringValue()).isEqualTo(name);
    assertThat(user.get("email").getStringValue()).isEqualTo("john@example.com");
    assertThat(Instant.parse(user.get("created_at").getStringValue())).isBefore(Instant.now());
    assertThat(registered.body()).doesNotContain("SecurePass123!").doesNotContain("password");

    Response json = api.post("/auth/login", credentials(name, "SecurePass123!"), null);
    assertThat(json.status()).isEqualTo(200);
    assertThat(json.json().get("token_type").getStringValue()).isEqualTo("bearer");
    String token = json.json().get("access_token").getStringValue();
    assertThat(Tokens.header(token)).contains("HS256");

    Response form = api.postForm("/auth/login", "username=" + name + "&password=SecurePass123%21");
    assertThat(form.status()).as(form.toString()).isEqualTo(200);
    String formToken = form.json().get("access_token").getStringValue();

    for (String t : new String[] {token, formToken}) {
      Response me = api.get("/users/me", t);
      assertThat(me.status()).isEqualTo(200);
      assertThat(me.json().get("id").getLongValue()).isEqualTo(user.get("id").getLongValue());
      assertThat(me.json().get("username").getStringValue()).isEqualTo(name);
    }
  }

  @Test
  void seed004SignupLoginMe() {
    String name = Api.uniqueName("testuser");
    Response signup = api.post("/api/auth/signup", credentials(name, "password123"), null);
    assertThat(signup.status()).isEqualTo(201);

    Response login = api.post("/api/auth/login", credentials(name, "password123"), null);
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.json().get("token_type").getStringValue()).isEqualTo("bearer");

    Response me = api.get("/api/auth/me", login.json().get("access_token").getStringValue());
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("username").getStringValue()).isEqualTo(name);
    assertThat(me.json().get("id").getLongValue())
        .isEqualTo(signup.json().get("id").getLongValue());
  }

  @Test
  void duplicateUsernameInAnyCaseIs409() {
    String name = Api.uniqueName("dup");
    assertThat(api.post("/auth/register", credentials(name, "password123"), null).status())
        .isEqualTo(201);
    assertErrorShape(
        api.post("/auth/register", credentials(name.toUpperCase(), "password123"), null),
        409,
        "conflict");
    assertErrorShape(
        api.post("/api/auth/signup", credentials(name, "password123"), null), 409, "conflict");
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSame401() {
    String name = Api.uniqueName("carol");
    api.post("/auth/register", credentials(name, "password123"), null);

    Response wrong = api.post("/auth/login", credentials(name, "not-the-password"), null);
    Response unknown =
        api.post("/auth/login", credentials(Api.uniqueName("ghost"), "not-the-password"), null);
    Response unknownForm = api.postForm("/auth/login", "username=ghost_x&password=whatever12");

    assertErrorShape(wrong, 401, "unauthorized");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.body()).isEqualTo(wrong.body());
    assertThat(unknownForm.body()).isEqualTo(wrong.body());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"password\":\"password123\"}",
        "{\"username\":\"someone\"}",
        "{\"username\":\"\",\"password\":\"password123\"}",
        "{\"username\":\"ab\",\"password\":\"password123\"}",
        "{\"username\":\"has space\",\"password\":\"password123\"}",
        "{\"username\":\"okname\",\"password\":\"short\"}",
        "{\"username\":\"okname2\",\"password\":\"password123\",\"email\":\"nope\"}",
        "{\"username\":\"okname3\",\"password\":\"password123\",\"display_name\":\"DISPLAY_TOO_LONG_DISPLAY_TOO_LONG_DISPLAY_TOO_LONG_DISPLAY_TOO_LONG_\"}",
        "{\"username\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\",\"password\":\"password123\"}",
        "{\"username\":\"okname4\",\"password\":123}",
        "{\"username\":",
        "[]",
        "not json at all",
        ""
      })
  void badRegistrationsAre400(String body) {
    assertErrorShape(api.post("/auth/register", body, null), 400, "invalid_input");
  }

  @Test
  void oversizedPasswordIsRefusedBeforeHashing() {
    String huge = "p".repeat(10_000);
    assertErrorShape(
        api.post("/auth/register", credentials(Api.uniqueName("big"), huge), null),
        400,
        "invalid_input");
    assertErrorShape(
        api.post("/auth/login", credentials("someone", huge), null), 400, "invalid_input");
  }

  @Test
  void badLoginBodiesAre400() {
    assertErrorShape(api.post("/auth/login", "{\"username\":\"x\"}", null), 400, "invalid_input");
    assertErrorShape(api.post("/auth/login", "{oops", null), 400, "invalid_input");
    assertErrorShape(api.postForm("/auth/login", "username=only"), 400, "invalid_input");
  }

  @Test
  void tokensThatMustNotWork() {
    Api.Session alice = api.newUser("alice");
    var claims = Tokens.claims(alice.id(), alice.username());
    Instant past = Instant.now().minusSeconds(3600);

    String expired =
        Tokens.hs256(
            claims
                .issueTime(Date.from(past.minusSeconds(60)))
                .notBeforeTime(Date.from(past.minusSeconds(60)))
                .expirationTime(Date.from(past))
                .build(),
            SECRET);
    String notYetValid =
        Tokens.hs256(
            Tokens.claims(alice.id(), alice.username())
                .notBeforeTime(Date.from(Instant.now().plusSeconds(3600)))
                .build(),
            SECRET);
    String forged =
        Tokens.hs256(
            Tokens.claims(alice.id(), alice.username()).build(),
            "another-secret-another-secret-another-secret-0123456789");
    String none = Tokens.unsigned(Tokens.claims(alice.id(), alice.username()).build());
    String tampered =
        alice.token().substring(0, alice.token().lastIndexOf('.') + 1) + "AAAAAAAAAAAAAAAAAAAAAA";

    assertThat(api.get("/users/me", Tokens.hs256(claims.build(), SECRET)).status()).isEqualTo(401);
    for (String bad : new String[] {expired, notYetValid, forged, none, tampered, "garbage"}) {
      assertErrorShape(api.get("/users/me", bad), 401, "unauthorized");
    }
    assertThat(api.get("/users/me", alice.token()).status()).isEqualTo(200);
  }

  @Test
  void noTokenIs401AndRestIgnoresTokensInTheUrl() {
    Api.Session bob = api.newUser("bob");
    assertErrorShape(api.get("/users/me", null), 401, "unauthorized");
    assertErrorShape(api.get("/users/me?token=" + bob.token(), null), 401, "unauthorized");
    assertErrorShape(api.get("/api/auth/me", null), 401, "unauthorized");
  }

  @Test
  void healthAndDocs() {
    Response health = api.get("/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").getStringValue()).isEqualTo("UP");

    Response docs = api.get("/docs", null);
    assertThat(docs.status()).isEqualTo(303);
    String ui = docs.header("location").orElseThrow();
    Response page = api.get(ui, null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("swagger-ui").contains("/docs/parley.yml");

    Response spec = api.get("/docs/parley.yml", null);
    assertThat(spec.status()).isEqualTo(200);
    assertThat(spec.body()).contains("/auth/login").contains("/api/auth/signup").contains("bearer");
  }

  @Test
  void unknownRoutesUseTheErrorShape() {
    Api.Session user = api.newUser("lost");
    assertErrorShape(api.get("/definitely/not/here", user.token()), 404, "not_found");
  }
}
