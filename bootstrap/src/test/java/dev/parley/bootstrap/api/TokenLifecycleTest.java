package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.Tokens;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 7: refresh tokens, logout, password change, deactivation and socket tickets. */
@MicronautTest(transactional = false)
class TokenLifecycleTest extends ApiTestBase {
  private static final Duration REVOCATION = Duration.ofSeconds(6);
  private Fixtures fx;

  @BeforeAll
  void fixtures() {
    fx = new Fixtures(api);
  }

  private JsonNode login(String username, String password) {
    Response login =
        api.post(
            "/auth/login",
            "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}",
            null);
    assertThat(login.status()).as(login.toString()).isEqualTo(200);
    return login.json();
  }

  private void awaitRefused(String token) {
    await()
        .atMost(REVOCATION)
        .untilAsserted(() -> assertThat(api.get("/users/me", token).status()).isEqualTo(401));
  }

  @Test
  void loginGivesARefreshTokenThatRotatesAndCatchesReplays() {
    Session alice = api.newUser("refresh");
    JsonNode first = login(alice.username(), "password123");
    assertThat(first.get("expires_in").getLongValue()).isBetween(60L, 1800L);
    String refresh1 = first.get("refresh_token").getStringValue();
    assertThat(first.get("refresh_expires_in").getLongValue()).isGreaterThan(86_400L);

    Response second = api.post("/auth/refresh", "{\"refresh_token\":\"" + refresh1 + "\"}", null);
    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    String access2 = second.json().get("access_token").getStringValue();
    String refresh2 = second.json().get("refresh_token").getStringValue();
    assertThat(refresh2).isNotEqualTo(refresh1);
    assertThat(api.get("/users/me", access2).json().get("id").getLongValue()).isEqualTo(alice.id());

    // The old refresh token again: a copy exists, so the whole session ends.
    Response replay = api.post("/auth/refresh", "{\"refresh_token\":\"" + refresh1 + "\"}", null);
    assertThat(replay.status()).isEqualTo(401);
    assertThat(api.post("/auth/refresh", "{\"refresh_token\":\"" + refresh2 + "\"}", null).status())
        .isEqualTo(401);
    awaitRefused(access2);
    // Other sessions of the user are untouched.
    assertThat(api.get("/users/me", alice.token()).status()).isEqualTo(200);

    assertThat(api.post("/auth/refresh", "{}", null).status()).isEqualTo(400);
    assertThat(api.get("/users/me", first.get("refresh_token").getStringValue()).status())
        .as("a refresh token is not an access token")
        .isEqualTo(401);
  }

  @Test
  void aForgedRefreshTokenForSomeoneElsesSessionIsRefusedAndEndsNothing() {
    Session victim = api.newUser("forged");
    JsonNode login = login(victim.username(), "password123");
    String access = login.get("access_token").getStringValue();
    String refresh = login.get("refresh_token").getStringValue();
    // The session id is no secret: it rides in every access token (and in the refresh token).
    String sid = Api.parse(Tokens.payload(access)).get("sid").getStringValue();
    assertThat(refresh).startsWith("prt_" + sid + ".");

    for (String forged :
        new String[] {
          "prt_" + sid + ".garbage",
          "prt_" + sid + "." + refresh.substring(refresh.indexOf('.') + 1, refresh.length() - 1),
          "prt_" + sid + ".",
        }) {
      Response refused = api.post("/auth/refresh", "{\"refresh_token\":\"" + forged + "\"}", null);
      assertThat(refused.status()).as(forged + " " + refused).isIn(400, 401);
    }
    // The session lives on: its access token works and its real refresh token still rotates.
    assertThat(api.get("/users/me", access).status()).isEqualTo(200);
    Response rotated = api.post("/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}", null);
    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
    String access2 = rotated.json().get("access_token").getStringValue();
    String refresh2 = rotated.json().get("refresh_token").getStringValue();

    // A forged token after the rotation is still no replay; the really used one is.
    assertThat(
            api.post("/auth/refresh", "{\"refresh_token\":\"prt_" + sid + ".x\"}", null).status())
        .isEqualTo(401);
    assertThat(api.get("/users/me", access2).status()).isEqualTo(200);
    assertThat(api.post("/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}", null).status())
        .isEqualTo(401);
    awaitRefused(access2);
    assertThat(api.post("/auth/refresh", "{\"refresh_token\":\"" + refresh2 + "\"}", null).status())
        .isEqualTo(401);
  }

  @Test
  void logoutRefusesTheTokenAndClosesItsSocketsButNotOtherSessions() {
    Session bob = api.newUser("logout");
    String otherDevice = api.login(bob.username());
    try (WsClient mine = fx.gateway(bob);
        WsClient other = fx.gateway(new Session(bob.id(), bob.username(), otherDevice))) {
      Response out = api.post("/auth/logout", "{}", bob.token());
      assertThat(out.status()).as(out.toString()).isEqualTo(204);
      assertThat(mine.awaitClose()).isEqualTo(4401);
      awaitRefused(bob.token());
      assertThat(other.isClosed()).isFalse();
      assertThat(api.get("/users/me", otherDevice).status()).isEqualTo(200);

      assertThat(api.post("/auth/logout", "{\"everywhere\":true}", otherDevice).status())
          .isEqualTo(204);
      assertThat(other.awaitClose()).isEqualTo(4401);
      awaitRefused(otherDevice);
    }
  }

  @Test
  void passwordChangeEndsEverySessionAndSocket() {
    Session carol = api.newUser("passwd");
    String refresh = login(carol.username(), "password123").get("refresh_token").getStringValue();
    try (WsClient ws = fx.gateway(carol)) {
      Response wrong =
          api.post(
              "/auth/password",
              "{\"current_password\":\"nope-nope\",\"new_password\":\"brand-new-pw\"}",
              carol.token());
      assertThat(wrong.status()).isEqualTo(400);
      assertThat(wrong.json().get("message").getStringValue()).contains("current password");
      assertThat(ws.isClosed()).isFalse();

      Response changed =
          api.post(
              "/auth/password",
              "{\"current_password\":\"password123\",\"new_password\":\"brand-new-pw\"}",
              carol.token());
      assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
      assertThat(ws.awaitClose()).isEqualTo(4401);
    }
    awaitRefused(carol.token());
    assertThat(api.post("/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}", null).status())
        .isEqualTo(401);
    assertThat(
            api.post(
                    "/auth/login",
                    "{\"username\":\"" + carol.username() + "\",\"password\":\"password123\"}",
                    null)
                .status())
        .isEqualTo(401);
    login(carol.username(), "brand-new-pw");
  }

  @Test
  void deactivationLocksTheAccountOut() {
    Session dave = api.newUser("deact");
    try (WsClient ws = fx.gateway(dave)) {
      assertThat(
              api.send(
                      "DELETE",
                      "/users/me",
                      "application/json",
                      "{\"password\":\"wrong-pw\"}",
                      dave.token())
                  .status())
          .isEqualTo(400);
      Response gone =
          api.send(
              "DELETE",
              "/users/me",
              "application/json",
              "{\"password\":\"password123\"}",
              dave.token());
      assertThat(gone.status()).as(gone.toString()).isEqualTo(204);
      assertThat(ws.awaitClose()).isEqualTo(4401);
    }
    awaitRefused(dave.token());
    assertThat(
            api.post(
                    "/auth/login",
                    "{\"username\":\"" + dave.username() + "\",\"password\":\"password123\"}",
                    null)
                .status())
        .isEqualTo(401);
    assertThat(WsClient.upgradeStatus(api.base(), "/chat/ws?token=" + dave.token())).isEqualTo(401);
  }

  @Test
  void aSocketTicketOpensOneSocketAndNothingElse() {
    Session erin = api.newUser("ticket");
    Response issued = api.post("/auth/socket-ticket", "", erin.token());
    assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
    String ticket = issued.json().get("ticket").getStringValue();
    assertThat(issued.json().get("expires_in").getLongValue()).isBetween(1L, 30L);

    assertThat(api.get("/users/me", ticket).status()).as("never a bearer token").isEqualTo(401);
    try (WsClient ws = WsClient.connect(api.base(), "/chat/ws?ticket=" + ticket)) {
      assertThat(ws.await("connected").get("user_id").getLongValue()).isEqualTo(erin.id());
    }
    assertThat(WsClient.upgradeStatus(api.base(), "/chat/ws?ticket=" + ticket))
        .as("single use")
        .isEqualTo(401);
    assertThat(WsClient.upgradeStatus(api.base(), "/chat/ws?ticket=pst_made-up")).isEqualTo(401);
    assertThat(api.post("/auth/socket-ticket", "", null).status()).isEqualTo(401);
  }

  @Test
  void aCorrectlySignedTokenWithoutALiveSessionIsRefused() {
    Session frank = api.newUser("nosession");
    String noSession = Tokens.hs256(Tokens.claims(frank.id(), frank.username()).build(), SECRET);
    String madeUpSession =
        Tokens.hs256(
            Tokens.claims(frank.id(), frank.username()).claim("sid", "made-up").build(), SECRET);
    assertThat(api.get("/users/me", noSession).status()).isEqualTo(401);
    assertThat(api.get("/users/me", madeUpSession).status()).isEqualTo(401);
    assertThat(WsClient.upgradeStatus(api.base(), "/chat/ws?token=" + madeUpSession))
        .isEqualTo(401);
  }
}
