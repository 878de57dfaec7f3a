package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 21 item 2, end to end over real HTTP and sockets against PostgreSQL: a server admin makes
 * an incoming webhook for a text channel; posting to its secret URL, without an account, puts a
 * message marked as the webhook's on every surface, idempotent by nonce, limited per webhook;
 * wrong, rotated and revoked secrets answer 404, and the secret never reaches a log.
 */
@MicronautTest(transactional = false)
class IncomingHooksTest extends ApiTestBase {
  /** Posts per webhook before 429 (the budget does not refill within a test). */
  private static final int BURST = 5;

  private Fixtures fx;

  @Override
  protected Map<String, String> extraProperties() {
    return Map.of(
        "parley.incoming-webhooks.burst",
        Integer.toString(BURST),
        "parley.incoming-webhooks.interval",
        "1h");
  }

  @BeforeAll
  void fixtures() {
    fx = new Fixtures(api);
  }

  /** A server with an admin and a member, a text channel, and a webhook made for it. */
  private record World(
      Session admin, Session member, long server, long channel, long hook, String url) {}

  private World world(String prefix) {
    Session admin = api.newUser(prefix + "adm");
    Session member = api.newUser(prefix + "mem");
    long server = fx.server(admin, "Hooks " + prefix);
    long channel = fx.channel(admin, server, "deploys", "TEXT");
    fx.member(admin, server, member);
    Response created =
        api.post("/chat/channels/" + channel + "/webhooks", "{\"name\":\"CI\"}", admin.token());
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode hook = created.json();
    long id = hook.get("id").getLongValue();
    String secret = hook.get("secret").getStringValue();
    assertThat(hook.get("channel_id").getLongValue()).isEqualTo(channel);
    assertThat(hook.get("name").getStringValue()).isEqualTo("CI");
    assertThat(hook.get("url").getStringValue()).isEqualTo("/chat/webhooks/" + id + "/" + secret);
    return new World(admin, member, server, channel, id, hook.get("url").getStringValue());
  }

  private Response post(String url, String json) {
    return api.post(url, json, null);
  }

  private List<JsonNode> history(World w) {
    List<JsonNode> messages = new ArrayList<>();
    api.get(
            "/chat/servers/" + w.server() + "/channels/" + w.channel() + "/messages",
            w.member().token())
        .json()
        .values()
        .forEach(messages::add);
    return messages;
  }

  @Test
  void aPostIsAMarkedMessageOnEverySurfaceAndARetriedNonceReturnsIt() {
    World w = world("ih");
    String classicPath =
        "/ws/" + w.member().id() + "/" + w.server() + "/" + w.channel() + "?token=";
    try (WsClient gateway = fx.gateway(w.member());
        WsClient classic = WsClient.connect(api.base(), classicPath + w.member().token())) {
      Response sent =
          post(
              w.url(),
              "{\"text\":\"deployed @"
                  + w.member().username()
                  + "\",\"username\":\"Deploy bot\","
                  + "\"nonce\":\"job-1\"}");
      assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
      JsonNode message = sent.json();
      long id = message.get("id").getLongValue();
      assertThat(message.get("user").getStringValue()).isEqualTo("Deploy bot");
      assertThat(message.get("bot").getBooleanValue()).isTrue();
      assertThat(message.get("webhookId").getLongValue()).isEqualTo(w.hook());
      assertThat(message.get("channelId").getLongValue()).isEqualTo(w.channel());

      JsonNode live =
          gateway.await(
              f -> f.get("type").getStringValue().equals("new_message"), "the webhook's message");
      assertThat(live.get("id").getLongValue()).isEqualTo(id);
      assertThat(live.get("user").getStringValue()).isEqualTo("Deploy bot");
      assertThat(live.get("bot").getBooleanValue()).isTrue();
      assertThat(live.get("webhookId").getLongValue()).isEqualTo(w.hook());
      assertThat(live.get("mentions").values().iterator().next().getLongValue())
          .isEqualTo(w.member().id());
      JsonNode data = classic.await("message").get("data");
      assertThat(data.get("id").getLongValue()).isEqualTo(id);
      assertThat(data.get("user").get("username").getStringValue()).isEqualTo("Deploy bot");
      assertThat(data.get("user").get("bot").getBooleanValue()).isTrue();
      assertThat(data.get("webhook_id").getLongValue()).isEqualTo(w.hook());

      Response retried =
          post(w.url(), "{\"text\":\"deployed again\",\"username\":\"Other\",\"nonce\":\"job-1\"}");
      assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
      assertThat(retried.json().get("id").getLongValue()).isEqualTo(id);
      assertThat(retried.json().get("user").getStringValue()).isEqualTo("Deploy bot");

      // Without a username the webhook's name shows; a person's message stays unmarked.
      assertThat(post(w.url(), "{\"content\":\"plain\"}").status()).isEqualTo(201);
      fx.send(w.member(), w.server(), w.channel(), "thanks");
    }

    List<JsonNode> history = history(w);
    assertThat(history)
        .extracting(m -> m.get("text").getStringValue())
        .containsExactly("deployed @" + w.member().username(), "plain", "thanks");
    assertThat(history.get(0).get("user").getStringValue()).isEqualTo("Deploy bot");
    assertThat(history.get(1).get("user").getStringValue()).isEqualTo("CI");
    assertThat(history.get(1).get("webhookId").getLongValue()).isEqualTo(w.hook());
    assertThat(history.get(2).get("webhookId").isNull()).isTrue();
    assertThat(history.get(2).get("bot").getBooleanValue()).isFalse();
    JsonNode classicHistory =
        api.get("/channels/" + w.channel() + "/messages", w.member().token()).json();
    JsonNode first = classicHistory.values().iterator().next();
    assertThat(first.get("webhook_id").getLongValue()).isEqualTo(w.hook());
    assertThat(first.get("user").get("bot").getBooleanValue()).isTrue();

    // The poster account is nobody's member: not listed, so not kickable.
    for (JsonNode m :
        api.get("/chat/servers/" + w.server() + "/members", w.admin().token()).json().values()) {
      assertThat(m.get("bot").getBooleanValue()).isFalse();
    }
  }

  @Test
  void concurrentRetriesOfOneNonceStoreOneMessage() throws Exception {
    World w = world("ic");
    int retries = 4;
    ExecutorService pool = Executors.newFixedThreadPool(retries);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Response>> answers = new ArrayList<>();
      for (int i = 0; i < retries; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return post(w.url(), "{\"text\":\"once\",\"nonce\":\"same\"}");
                }));
      }
      start.countDown();
      List<Long> ids = new ArrayList<>();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Response> answer : answers) {
        Response r = answer.get();
        statuses.add(r.status());
        ids.add(r.json().get("id").getLongValue());
      }
      assertThat(ids).as(statuses.toString()).containsOnly(ids.get(0));
      assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
    } finally {
      pool.shutdownNow();
    }
    assertThat(history(w)).hasSize(1);
  }

  @Test
  void onlyAdminsManageWebhooksAndOnlyForTextChannelsOfAServer() {
    World w = world("ia");
    Session outsider = api.newUser("iaout");
    String hooks = "/chat/channels/" + w.channel() + "/webhooks";
    assertThat(api.post(hooks, "{\"name\":\"x\"}", w.member().token()).status()).isEqualTo(403);
    assertThat(api.get(hooks, w.member().token()).status()).isEqualTo(403);
    assertThat(api.post(hooks, "{\"name\":\"x\"}", outsider.token()).status()).isEqualTo(404);
    assertThat(api.post(hooks, "{\"name\":\"x\"}", null).status()).isEqualTo(401);
    assertThat(api.post(hooks, "{}", w.admin().token()).status()).isEqualTo(400);

    JsonNode listed = api.get(hooks, w.admin().token()).json().values().iterator().next();
    assertThat(listed.get("id").getLongValue()).isEqualTo(w.hook());
    assertThat(listed.get("secret").isNull()).isTrue();
    assertThat(listed.get("url").isNull()).isTrue();

    long voice = fx.channel(w.admin(), w.server(), "talk", "VOICE");
    Response refused =
        api.post("/chat/channels/" + voice + "/webhooks", "{\"name\":\"x\"}", w.admin().token());
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("message").getStringValue()).contains("voice");
    Response dm =
        api.post(
            "/chat/conversations",
            "{\"participant_ids\":[" + w.member().id() + "]}",
            w.admin().token());
    long conversation = dm.json().get("id").getLongValue();
    Response toDm =
        api.post(
            "/chat/channels/" + conversation + "/webhooks", "{\"name\":\"x\"}", w.admin().token());
    assertThat(toDm.status()).isEqualTo(400);
    assertThat(toDm.json().get("message").getStringValue()).contains("conversations");
  }

  @Test
  void wrongRotatedAndRevokedSecretsAnswerTheSame404() {
    World w = world("ir");
    String body = "{\"text\":\"hi\"}";
    Response wrong = post(w.url() + "x", body);
    assertThat(wrong.status()).isEqualTo(404);
    Response unknown = post("/chat/webhooks/" + (w.hook() + 1000) + "/pwh_nope", body);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("message").getStringValue())
        .isEqualTo(wrong.json().get("message").getStringValue())
        .isEqualTo("Webhook not found");

    String hook = "/chat/channels/" + w.channel() + "/webhooks/" + w.hook();
    assertThat(api.post(hook + "/secret", "{}", w.member().token()).status()).isEqualTo(403);
    Response rotated = api.post(hook + "/secret", "{}", w.admin().token());
    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
    String fresh = rotated.json().get("url").getStringValue();
    assertThat(post(w.url(), body).status()).isEqualTo(404);
    assertThat(post(fresh, body).status()).isEqualTo(201);

    assertThat(api.delete(hook, w.member().token()).status()).isEqualTo(403);
    assertThat(api.delete(hook, w.admin().token()).status()).isEqualTo(204);
    assertThat(post(fresh, body).status()).isEqualTo(404);
    assertThat(api.delete(hook, w.admin().token()).status()).isEqualTo(404);
    assertThat(
            api.get("/chat/channels/" + w.channel() + "/webhooks", w.admin().token()).json().size())
        .isZero();
    assertThat(history(w)).hasSize(1);
  }

  @Test
  void badBodiesAre400NamingTheProblem() {
    World w = world("ib");
    Response empty = post(w.url(), "{\"text\":\"  \"}");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().get("message").getStringValue()).contains("text");
    Response tooLong = post(w.url(), "{\"text\":\"" + "x".repeat(4001) + "\"}");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("message").getStringValue()).contains("4000");
    Response longName = post(w.url(), "{\"text\":\"hi\",\"username\":\"" + "u".repeat(81) + "\"}");
    assertThat(longName.status()).isEqualTo(400);
    assertThat(longName.json().get("message").getStringValue()).contains("username");
    assertThat(post(w.url(), "not json").status()).isEqualTo(400);
    assertThat(history(w)).isEmpty();
  }

  @Test
  void postsOverTheWebhooksBudgetGet429() {
    World w = world("il");
    for (int i = 0; i < BURST; i++) {
      assertThat(post(w.url(), "{\"text\":\"n" + i + "\"}").status()).isEqualTo(201);
    }
    Response limited = post(w.url(), "{\"text\":\"one too many\"}");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().get("error").getStringValue()).isEqualTo("rate_limited");
    assertThat(limited.header("Retry-After")).isPresent();
    assertThat(history(w)).hasSize(BURST);
  }

  @Test
  void theSecretReachesNoLog() {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();
    AppenderBase<ILoggingEvent> capture =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            events.add(event);
          }
        };
    capture.start();
    root.addAppender(capture);
    World w;
    String secret;
    try {
      w = world("is");
      secret = w.url().substring(w.url().lastIndexOf('/') + 1);
      assertThat(post(w.url(), "{\"text\":\"hi\"}").status()).isEqualTo(201);
      assertThat(post(w.url(), "{\"text\":\" \"}").status()).isEqualTo(400);
      assertThat(post(w.url() + "x", "{\"text\":\"hi\"}").status()).isEqualTo(404);
      // Written before each answer leaves; the wait only covers the appender's thread hand-over.
      String masked = "POST /chat/webhooks/" + w.hook() + "/*** ";
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(events)
                      .filteredOn(e -> e.getLoggerName().equals("parley.access"))
                      .filteredOn(e -> e.getFormattedMessage().startsWith(masked))
                      .hasSize(3));
    } finally {
      root.detachAppender(capture);
    }
    assertThat(events)
        .isNotEmpty()
        .noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains(secret))
        .noneSatisfy(e -> assertThat(e.getMDCPropertyMap().toString()).contains(secret));
  }
}
