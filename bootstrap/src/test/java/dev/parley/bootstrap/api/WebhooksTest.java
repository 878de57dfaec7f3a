package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 item 3, end to end: a receiver on loopback gets signed events from the outbox, in order
 * per channel, retried with backoff, and a target that keeps failing gets its webhook disabled.
 */
@MicronautTest(transactional = false)
class WebhooksTest extends ApiTestBase {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private HttpServer receiver;
  private Fixtures fx;

  /** Requests per path, as received and verified. */
  private final Map<String, List<Received>> received = new ConcurrentHashMap<>();

  /** Per path: how many first requests answer 500 (Integer.MAX_VALUE: always). */
  private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

  /** Secrets per path, for verifying signatures. */
  private final Map<String, String> secrets = new ConcurrentHashMap<>();

  /** A request the receiver got; {@code verified} says its signature and time were right. */
  record Received(String type, String delivery, JsonNode body, boolean verified, int answered) {}

  @Override
  protected Map<String, String> extraProperties() {
    return Map.of(
        "parley.webhooks.allowed-hosts", "127.0.0.1",
        "parley.webhooks.poll-interval", "50ms",
        "parley.webhooks.first-retry", "100ms",
        "parley.webhooks.max-retry", "400ms",
        "parley.webhooks.disable-after-failures", "4");
  }

  @BeforeAll
  void start() throws IOException {
    fx = new Fixtures(api);
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          byte[] bytes;
          try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readAllBytes();
          }
          String body = new String(bytes, StandardCharsets.UTF_8);
          String signature = exchange.getRequestHeaders().getFirst("X-Parley-Signature");
          boolean verified = verify(secrets.get(path), signature, body);
          AtomicInteger left = failuresLeft.get(path);
          int status = left != null && left.getAndDecrement() > 0 ? 500 : 204;
          received
              .computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
              .add(
                  new Received(
                      exchange.getRequestHeaders().getFirst("X-Parley-Event"),
                      exchange.getRequestHeaders().getFirst("X-Parley-Delivery"),
                      Api.parse(body),
                      verified,
                      status));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterAll
  void stop() {
    receiver.stop(0);
  }

  /** What a receiver does: recompute the HMAC and refuse a time outside 5 minutes. */
  private static boolean verify(String secret, String header, String body) {
    if (secret == null || header == null) {
      return false;
    }
    String t = null;
    String v1 = null;
    for (String part : header.split(",")) {
      if (part.startsWith("t=")) {
        t = part.substring(2);
      } else if (part.startsWith("v1=")) {
        v1 = part.substring(3);
      }
    }
    if (t == null || v1 == null) {
      return false;
    }
    if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) > 300) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected =
          HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
      return java.security.MessageDigest.isEqual(
          expected.getBytes(StandardCharsets.UTF_8), v1.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      return false;
    }
  }

  private String target(String path) {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
  }

  private static String hooks(long server) {
    return "/chat/servers/" + server + "/webhooks";
  }

  /** Subscribes the receiver's {@code path} and remembers the secret; returns the webhook id. */
  private long subscribe(Session admin, long server, String path, String... events) {
    Response r =
        api.post(
            hooks(server),
            "{\"url\":" + Api.json(target(path)) + ",\"events\":" + Api.json(List.of(events)) + "}",
            admin.token());
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    String secret = r.json().get("secret").getStringValue();
    assertThat(secret).hasSize(64);
    secrets.put(path, secret);
    return r.json().get("id").getLongValue();
  }

  private static void await(String what, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private List<Received> delivered(String path) {
    return received.getOrDefault(path, List.of()).stream().filter(r -> r.answered() < 300).toList();
  }

  @Test
  void messageChangesArriveSignedAndInOrderPerChannel() {
    Session admin = api.newUser("whadm");
    Session member = api.newUser("whmem");
    long server = fx.server(admin, "Hooks");
    long general = fx.channel(admin, server, "general", "TEXT");
    long random = fx.channel(admin, server, "random", "TEXT");
    fx.member(admin, server, member);
    fx.send(member, server, general, "before the webhook");
    subscribe(
        admin,
        server,
        "/ordered",
        "message.created",
        "message.edited",
        "message.deleted",
        "reaction.changed");

    List<Long> sent = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      sent.add(fx.send(member, server, general, "g" + k).json().get("id").getLongValue());
      fx.send(member, server, random, "r" + k);
    }
    long first = sent.get(0);
    assertThat(
            api.patch("/chat/messages/" + first, "{\"text\":\"g0 edited\"}", member.token())
                .status())
        .isEqualTo(200);
    assertThat(
            api.put("/chat/messages/" + first + "/reactions/%F0%9F%91%8D", null, admin.token())
                .status())
        .isBetween(200, 204);
    assertThat(api.delete("/chat/messages/" + sent.get(1), member.token()).status()).isEqualTo(204);

    await("13 deliveries", () -> delivered("/ordered").size() >= 13);
    List<Received> all = delivered("/ordered");
    assertThat(all).allMatch(Received::verified, "signed with the webhook's secret, fresh t");
    List<Received> inGeneral =
        all.stream().filter(r -> r.body().get("channel_id").getLongValue() == general).toList();
    assertThat(inGeneral.stream().map(Received::type))
        .containsExactly(
            "message.created",
            "message.created",
            "message.created",
            "message.created",
            "message.created",
            "message.edited",
            "reaction.changed",
            "message.deleted");
    assertThat(
            inGeneral.subList(0, 5).stream()
                .map(r -> r.body().get("data").get("message_id").getLongValue()))
        .containsExactlyElementsOf(sent);
    // No history: the message sent before the subscription is not delivered.
    assertThat(all).noneMatch(r -> "before the webhook".equals(text(r)));
    Received edited = inGeneral.get(5);
    assertThat(edited.body().get("data").get("content").getStringValue()).isEqualTo("g0 edited");
    assertThat(edited.body().get("server_id").getLongValue()).isEqualTo(server);
    assertThat(edited.body().get("type").getStringValue()).isEqualTo("message.edited");
    assertThat(edited.body().get("id").getLongValue()).isEqualTo(Long.parseLong(edited.delivery()));
    Received reaction = inGeneral.get(6);
    assertThat(reaction.body().get("data").get("emoji").getStringValue()).isEqualTo("\uD83D\uDC4D");
    assertThat(reaction.body().get("data").get("added").getBooleanValue()).isTrue();
    assertThat(inGeneral.get(7).body().get("data").get("message_id").getLongValue())
        .isEqualTo(sent.get(1));
    assertThat(
            all.stream()
                .filter(r -> r.body().get("channel_id").getLongValue() == random)
                .map(WebhooksTest::text))
        .containsExactly("r0", "r1", "r2", "r3", "r4");
  }

  private static String text(Received r) {
    JsonNode content = r.body().get("data").get("content");
    return content == null ? null : content.getStringValue();
  }

  @Test
  void aThreadsRepliesArriveAsMessagesOfTheThread() {
    Session admin = api.newUser("whtadm");
    long server = fx.server(admin, "Threaded hooks");
    long general = fx.channel(admin, server, "general", "TEXT");
    subscribe(admin, server, "/threads", "message.created");
    long parent = fx.send(admin, server, general, "parent").json().get("id").getLongValue();
    long thread =
        api.post("/chat/messages/" + parent + "/thread", "{}", admin.token())
            .json()
            .get("id")
            .getLongValue();

    fx.send(admin, server, thread, "reply one");
    fx.send(admin, server, thread, "reply two");

    await("the parent and both replies", () -> delivered("/threads").size() >= 3);
    List<Received> all = delivered("/threads");
    assertThat(all)
        .extracting(r -> r.body().get("channel_id").getLongValue())
        .containsExactly(general, thread, thread);
    assertThat(all)
        .extracting(r -> r.body().get("data").get("content").getStringValue())
        .containsExactly("parent", "reply one", "reply two");
  }

  @Test
  void memberJoinsAndLeavesArrive() {
    Session admin = api.newUser("whmadm");
    Session joiner = api.newUser("whjoin");
    long server = fx.server(admin, "Members");
    subscribe(admin, server, "/members", "member.joined", "member.left");

    fx.member(admin, server, joiner);
    Response kicked =
        api.post(
            "/chat/servers/" + server + "/members/" + joiner.id() + "/kick", null, admin.token());
    assertThat(kicked.status()).as(kicked.toString()).isBetween(200, 204);

    await("join and leave", () -> delivered("/members").size() >= 2);
    List<Received> all = delivered("/members");
    assertThat(all.stream().map(Received::type)).containsExactly("member.joined", "member.left");
    assertThat(all).allMatch(Received::verified);
    JsonNode joined = all.get(0).body();
    assertThat(joined.get("channel_id").isNull()).isTrue();
    assertThat(joined.get("data").get("user_id").getLongValue()).isEqualTo(joiner.id());
    assertThat(joined.get("data").get("username").getStringValue()).isEqualTo(joiner.username());
    assertThat(joined.get("data").get("role").getStringValue()).isEqualTo("MEMBER");
    JsonNode left = all.get(1).body();
    assertThat(left.get("data").get("user_id").getLongValue()).isEqualTo(joiner.id());
    assertThat(left.get("data").get("reason").getStringValue()).isEqualTo("KICKED");
  }

  @Test
  void failedAttemptsAreRetriedWithBackoffAndLogged() {
    Session admin = api.newUser("whradm");
    long server = fx.server(admin, "Retries");
    long channel = fx.channel(admin, server, "general", "TEXT");
    failuresLeft.put("/flaky", new AtomicInteger(2));
    long hook = subscribe(admin, server, "/flaky", "message.created");

    fx.send(admin, server, channel, "try again");
    await("a delivery after two failures", () -> delivered("/flaky").size() >= 1);
    List<Received> attempts = received.get("/flaky");
    assertThat(attempts.stream().map(Received::answered)).containsExactly(500, 500, 204);
    // The same event each time: its id lets the receiver drop duplicates.
    assertThat(attempts.stream().map(Received::delivery).distinct()).hasSize(1);

    JsonNode log = api.get(hooks(server) + "/" + hook + "/deliveries", admin.token()).json();
    List<JsonNode> entries = new ArrayList<>();
    log.values().forEach(entries::add);
    assertThat(entries).hasSize(3);
    // Newest first.
    assertThat(entries.get(0).get("status_code").getIntValue()).isEqualTo(204);
    assertThat(entries.get(0).get("succeeded").getBooleanValue()).isTrue();
    assertThat(entries.get(0).get("attempt").getIntValue()).isEqualTo(3);
    assertThat(entries.get(2).get("status_code").getIntValue()).isEqualTo(500);
    assertThat(entries.get(2).get("attempt").getIntValue()).isEqualTo(1);
    JsonNode page =
        api.get(
                hooks(server)
                    + "/"
                    + hook
                    + "/deliveries?limit=1&before="
                    + entries.get(0).get("id").getLongValue(),
                admin.token())
            .json();
    assertThat(page.values().iterator().next().get("id").getLongValue())
        .isEqualTo(entries.get(1).get("id").getLongValue());
    JsonNode listed = api.get(hooks(server), admin.token()).json().values().iterator().next();
    assertThat(listed.get("active").getBooleanValue()).isTrue();
    assertThat(listed.get("consecutive_failures").getIntValue()).isZero();
    assertThat(listed.get("secret")).isNull();
  }

  @Test
  void aTargetThatKeepsFailingIsDisabledAndCanBeReenabled() {
    Session admin = api.newUser("whdadm");
    long server = fx.server(admin, "Broken");
    long channel = fx.channel(admin, server, "general", "TEXT");
    failuresLeft.put("/broken", new AtomicInteger(4));
    long hook = subscribe(admin, server, "/broken", "message.created");

    fx.send(admin, server, channel, "nobody listens");
    await(
        "the webhook disabled",
        () ->
            !api.get(hooks(server), admin.token())
                .json()
                .values()
                .iterator()
                .next()
                .get("active")
                .getBooleanValue());
    JsonNode disabled = api.get(hooks(server), admin.token()).json().values().iterator().next();
    assertThat(disabled.get("disabled_reason").getStringValue()).contains("4 consecutive", "500");
    assertThat(received.get("/broken")).hasSize(4);

    // Re-enabled, it delivers the event still in the outbox.
    Response enabled = api.patch(hooks(server) + "/" + hook, "{\"active\":true}", admin.token());
    assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
    assertThat(enabled.json().get("disabled_reason").isNull()).isTrue();
    await("the delivery after re-enabling", () -> delivered("/broken").size() >= 1);
    assertThat(text(delivered("/broken").get(0))).isEqualTo("nobody listens");
  }

  @Test
  void badTargetsAndEventTypesAreRefusedAndOnlyAdminsManageWebhooks() {
    Session admin = api.newUser("whvadm");
    Session member = api.newUser("whvmem");
    Session outsider = api.newUser("whvout");
    long server = fx.server(admin, "Checks");
    fx.member(admin, server, member);
    String ok = "{\"url\":" + Api.json(target("/x")) + ",\"events\":[\"message.created\"]}";

    for (String url :
        List.of(
            "http://10.1.2.3/hook",
            "http://192.168.0.1/hook",
            "http://169.254.169.254/latest/meta-data",
            "http://[::1]:8080/hook",
            "http://[fd00::1]/hook",
            "ftp://example.com/hook",
            "not a url")) {
      Response refused =
          api.post(
              hooks(server),
              "{\"url\":" + Api.json(url) + ",\"events\":[\"message.created\"]}",
              admin.token());
      assertThat(refused.status()).as(url + " " + refused).isEqualTo(400);
      assertThat(refused.body()).as(url).contains("url");
    }
    Response unknown =
        api.post(
            hooks(server),
            "{\"url\":" + Api.json(target("/x")) + ",\"events\":[\"message.exploded\"]}",
            admin.token());
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("events", "message.exploded");

    assertThat(api.post(hooks(server), ok, member.token()).status()).isEqualTo(403);
    assertThat(api.get(hooks(server), member.token()).status()).isEqualTo(403);
    assertThat(api.post(hooks(server), ok, outsider.token()).status()).isEqualTo(404);
    assertThat(api.get(hooks(server), outsider.token()).status()).isEqualTo(404);

    Response created = api.post(hooks(server), ok, admin.token());
    assertThat(created.status()).isEqualTo(201);
    long hook = created.json().get("id").getLongValue();
    String secret = created.json().get("secret").getStringValue();
    Response rotated = api.post(hooks(server) + "/" + hook + "/secret", null, admin.token());
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(rotated.json().get("secret").getStringValue()).hasSize(64).isNotEqualTo(secret);
    assertThat(api.delete(hooks(server) + "/" + hook, member.token()).status()).isEqualTo(403);
    assertThat(api.delete(hooks(server) + "/" + hook, admin.token()).status()).isEqualTo(204);
    assertThat(api.get(hooks(server) + "/" + hook + "/deliveries", admin.token()).status())
        .isEqualTo(404);
  }
}
