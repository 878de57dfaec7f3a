package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One write budget per user, shared by REST writes on every surface and socket frames: a burst of
 * {@link #BURST}, refilling one a second, so a test that spends it quickly finds it empty (a
 * stalled machine refills a token or two at most, which the checks allow for).
 */
@MicronautTest(transactional = false)
class WriteRateLimitTest extends ApiTestBase {
  private static final int BURST = 10;

  /** More than the burst plus what refills while a test runs: an unlimited path never stops. */
  private static final int ENOUGH = BURST + 20;

  private Fixtures fx;
  private Session owner;
  private long server;
  private long channel;

  @Override
  protected Map<String, String> extraProperties() {
    return Map.of(
        "parley.socket.rate-per-second", "1", "parley.socket.rate-burst", Integer.toString(BURST));
  }

  @BeforeAll
  void world() {
    fx = new Fixtures(api);
    owner = api.newUser("rlowner");
    server = fx.server(owner, "Budget");
    channel = fx.channel(owner, server, "general", "TEXT");
  }

  /**
   * A new user, a member of the test server, whose budget is full (sign-up and login are free). The
   * owner's adds draw from the owner's budget: a refused add did nothing and is simply repeated.
   */
  private Session member(String prefix) {
    Session user = api.newUser(prefix);
    String add = "{\"user_id\":" + user.id() + "}";
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                api.post("/chat/servers/" + server + "/members", add, owner.token()).status()
                    == 201);
    return user;
  }

  private Response post(Session user, String text) {
    return fx.send(user, server, channel, text);
  }

  /** Posts until refused, however little was left; returns the refusal. */
  private Response drain(Session user) {
    for (int i = 0; i < ENOUGH; i++) {
      Response r = post(user, "drain " + i);
      if (r.status() == 429) {
        return r;
      }
    }
    throw new AssertionError(ENOUGH + " message posts in a row were all accepted");
  }

  /** Posts until refused; returns the refusal after checking that the burst went through. */
  private Response spendOverRest(Session user) {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < ENOUGH; i++) {
      Response r = post(user, "rest " + i);
      statuses.add(r.status());
      if (r.status() == 429) {
        assertThat(statuses.stream().filter(s -> s == 201).count())
            .as("the burst passes before the limit: %s", statuses)
            .isGreaterThanOrEqualTo(BURST);
        return r;
      }
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }
    throw new AssertionError(ENOUGH + " message posts in a row were all accepted: " + statuses);
  }

  private static void assertRateLimited(Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(429);
    assertThat(r.header("content-type"))
        .hasValueSatisfying(v -> assertThat(v).contains("application/json"));
    assertThat(r.json().get("error").getStringValue()).isEqualTo("rate_limited");
    long retryAfter = Long.parseLong(r.header("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 2L);
  }

  private String sendFrame(String nonce) {
    return "{\"type\":\"send_message\",\"serverId\":"
        + server
        + ",\"channelId\":"
        + channel
        + ",\"text\":\"socket "
        + nonce
        + "\",\"nonce\":\""
        + nonce
        + "\"}";
  }

  /** Sends one message frame and returns its answer: a message_ack or an error. */
  private JsonNode sendOverSocket(WsClient ws, String nonce) {
    ws.send(sendFrame(nonce));
    return ws.await(
        f -> {
          String type = f.get("type").getStringValue();
          return "error".equals(type)
              || ("message_ack".equals(type) && nonce.equals(f.get("nonce").getStringValue()));
        },
        "the answer to " + nonce);
  }

  private static boolean rateLimited(JsonNode answer) {
    return "error".equals(answer.get("type").getStringValue())
        && "rate_limited".equals(answer.get("code").getStringValue());
  }

  @Test
  void aBurstOfRestPostsPastTheBudgetIs429WithRetryAfter() {
    Session alice = member("rlburst");
    assertRateLimited(spendOverRest(alice));
  }

  @Test
  void spentOverRestTheNextSocketFramesAreRefused() {
    Session bob = member("rlrest2ws");
    try (WsClient ws = fx.gateway(bob)) {
      spendOverRest(bob);
      int refused = 0;
      for (int i = 0; i < 5; i++) {
        if (rateLimited(sendOverSocket(ws, "after-rest-" + i))) {
          refused++;
        }
      }
      // The socket's own budget would have let all five through.
      assertThat(refused).as("socket frames refused after REST spent the budget").isPositive();
      assertThat(rateLimited(sendOverSocket(ws, "after-rest-last")))
          .as("the budget stays spent")
          .isTrue();
    }
  }

  @Test
  void spentOverTheSocketTheNextRestWritesAre429() {
    Session carol = member("rlws2rest");
    try (WsClient ws = fx.gateway(carol)) {
      int accepted = 0;
      boolean limited = false;
      for (int i = 0; i < ENOUGH && !limited; i++) {
        JsonNode answer = sendOverSocket(ws, "spend-" + i);
        limited = rateLimited(answer);
        if (!limited) {
          assertThat(answer.get("type").getStringValue()).isEqualTo("message_ack");
          accepted++;
        }
      }
      assertThat(limited).as("the socket reached the limit").isTrue();
      assertThat(accepted).isGreaterThanOrEqualTo(BURST);
    }
    Response refused = null;
    for (int i = 0; i < 5 && refused == null; i++) {
      Response r = post(carol, "after socket " + i);
      if (r.status() == 429) {
        refused = r;
      }
    }
    assertThat(refused).as("a REST post after the socket spent the budget").isNotNull();
    assertRateLimited(refused);
  }

  @Test
  void theBudgetIsPerUser() {
    Session dave = member("rlspent");
    Session erin = member("rlother");
    spendOverRest(dave);
    for (int i = 0; i < 5; i++) {
      assertThat(post(erin, "erin " + i).status()).isEqualTo(201);
    }
    try (WsClient ws = fx.gateway(erin)) {
      assertThat(sendOverSocket(ws, "erin-ws").get("type").getStringValue())
          .isEqualTo("message_ack");
    }
  }

  @Test
  void readsAndSessionRoutesAreNeverLimited() {
    Session frank = member("rlreader");
    spendOverRest(frank);
    for (int i = 0; i < ENOUGH; i++) {
      assertThat(
              api.get(
                      "/chat/servers/" + server + "/channels/" + channel + "/messages?limit=5",
                      frank.token())
                  .status())
          .isEqualTo(200);
      assertThat(api.get("/chat/servers", frank.token()).status()).isEqualTo(200);
    }
    // The session routes have their own throttles.
    Response ticket = api.post("/auth/socket-ticket", "{}", frank.token());
    assertThat(ticket.status()).as(ticket.toString()).isIn(200, 201);
  }

  /** One write on some surface; the resources need not exist, the limit comes first. */
  private record Write(String what, Function<Session, Response> call) {}

  @Test
  void everyWritePathDrawsFromTheBudget() {
    Session grace = member("rlpaths");
    long message = post(grace, "to act on").json().get("id").getLongValue();
    String m = "/chat/messages/" + message;
    String s = "/chat/servers/" + server;
    List<Write> writes =
        List.of(
            new Write("native message", u -> post(u, "native")),
            new Write(
                "classic message",
                u -> api.post("/channels/" + channel + "/messages", "{\"text\":\"c\"}", u.token())),
            new Write(
                "conversation message",
                u -> api.post("/chat/conversations/1/messages", "{\"text\":\"c\"}", u.token())),
            new Write("edit", u -> api.patch(m, "{\"text\":\"edited\"}", u.token())),
            new Write("reaction", u -> api.put(m + "/reactions/%F0%9F%91%8D", "{}", u.token())),
            new Write("unreaction", u -> api.delete(m + "/reactions/%F0%9F%91%8D", u.token())),
            new Write("delete", u -> api.delete("/chat/messages/999999999", u.token())),
            new Write("room", u -> api.post("/api/rooms", "{\"name\":\"r\"}", u.token())),
            new Write("server", u -> api.post("/chat/servers", "{\"name\":\"x\"}", u.token())),
            new Write("server edit", u -> api.patch(s, "{\"name\":\"y\"}", u.token())),
            new Write(
                "channel",
                u -> api.post(s + "/channels", "{\"name\":\"c\",\"type\":\"TEXT\"}", u.token())),
            new Write(
                "conversation",
                u -> api.post("/chat/conversations", "{\"user_ids\":[1]}", u.token())),
            new Write(
                "api conversation",
                u -> api.post("/api/chat/conversations", "{\"user_ids\":[1]}", u.token())),
            new Write("invite", u -> api.post(s + "/invites", "{}", u.token())),
            new Write("join", u -> api.post("/chat/invites/nosuchcode/join", "{}", u.token())),
            new Write("member", u -> api.post(s + "/members", "{\"user_id\":1}", u.token())),
            new Write("kick", u -> api.delete(s + "/members/1", u.token())),
            new Write(
                "read state",
                u -> api.post("/chat/channels/" + channel + "/read", "{}", u.token())),
            new Write(
                "presence", u -> api.put("/chat/presence", "{\"status\":\"idle\"}", u.token())),
            new Write(
                "upload",
                u ->
                    api.send(
                        "POST",
                        "/chat/channels/" + channel + "/attachments",
                        "multipart/form-data; boundary=x",
                        "--x--\r\n",
                        u.token())),
            new Write(
                "account deletion",
                u -> api.send("DELETE", "/users/me", "application/json", "{}", u.token())));
    List<String> unlimited = new ArrayList<>();
    for (Write write : writes) {
      drain(grace);
      // At most a token or two refill meanwhile; a path outside the budget never answers 429.
      boolean limited = false;
      for (int i = 0; i < 3 && !limited; i++) {
        limited = write.call().apply(grace).status() == 429;
      }
      if (!limited) {
        unlimited.add(write.what());
      }
    }
    assertThat(unlimited).as("write paths outside the budget").isEmpty();
  }

  @Test
  void aSessionRouteLookingPathIsNotExempt() {
    Session henry = member("rltraversal");
    spendOverRest(henry);
    Response r =
        api.post(
            "/auth/../channels/" + channel + "/messages", "{\"text\":\"sneaky\"}", henry.token());
    assertThat(r.status()).as(r.toString()).isNotIn(200, 201);
  }
}
