package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Handshake;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Login, sign-up and socket limits with small numbers. A proxy is trusted here, so each test speaks
 * from its own X-Forwarded-For address and the per-address limits stay apart.
 */
@MicronautTest(transactional = false)
class AbuseLimitsTest extends ApiTestBase {
  private static final AtomicInteger ADDRESSES = new AtomicInteger();

  @Override
  protected Map<String, String> extraProperties() {
    return Map.ofEntries(
        Map.entry("parley.security.trust-forwarded-for", "true"),
        // Per account and address, one failure back every 4 s: four quick requests see the
        // limit, a short wait lifts it. The account-wide ceiling refills slowly, so it stays
        // reached while a test looks at it, and costs only a short delay.
        Map.entry("parley.security.login.max-failures-per-account-and-address", "3"),
        Map.entry("parley.security.login.failure-window", "12s"),
        Map.entry("parley.security.login.max-failures-per-account", "5"),
        Map.entry("parley.security.login.account-failure-window", "10m"),
        Map.entry("parley.security.login.ceiling-delay", "50ms"),
        Map.entry("parley.security.login.max-attempts-per-address", "5"),
        Map.entry("parley.security.login.address-window", "1m"),
        Map.entry("parley.security.registration.max-per-address", "2"),
        Map.entry("parley.security.registration.window", "10m"),
        Map.entry("parley.socket.max-connections-per-user", "2"),
        Map.entry("parley.socket.max-connections-per-address", "3"));
  }

  /** A fresh client address, as the trusted proxy would report it. */
  private static String address() {
    int n = ADDRESSES.incrementAndGet();
    return "10.20." + (n / 250) + "." + (n % 250 + 1);
  }

  private Response post(String path, String json, String from) {
    return api.send("POST", path, "application/json", json, null, "X-Forwarded-For", from);
  }

  private static String credentials(String name, String password) {
    return "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}";
  }

  private record User(long id, String name, String token) {}

  private User newUser(String prefix) {
    String name = Api.uniqueName(prefix);
    Response registered = post("/auth/register", credentials(name, "password123"), address());
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    return new User(registered.json().get("id").getLongValue(), name, login(name));
  }

  private String login(String name) {
    Response login = post("/auth/login", credentials(name, "password123"), address());
    assertThat(login.status()).as(login.toString()).isEqualTo(200);
    return login.json().get("access_token").getStringValue();
  }

  private static long assertRateLimited(Response response, String messagePart) {
    assertThat(response.status()).as(response.toString()).isEqualTo(429);
    assertThat(response.header("content-type"))
        .hasValueSatisfying(v -> assertThat(v).contains("application/json"));
    JsonNode body = response.json();
    assertThat(body.get("error").getStringValue()).isEqualTo("rate_limited");
    assertThat(body.get("message").getStringValue()).contains(messagePart);
    long retryAfter = Long.parseLong(response.header("Retry-After").orElseThrow());
    assertThat(retryAfter).isPositive();
    return retryAfter;
  }

  @Test
  void failedLoginsAreThrottledPerAccountAndAddressAndTheAllowanceRefills()
      throws InterruptedException {
    User alice = newUser("throttled");
    String attacker = address();
    String wrong = credentials(alice.name(), "wrong-password");
    assertThat(post("/auth/login", wrong, attacker).status()).isEqualTo(401);
    // Names are case-insensitive, and so is the allowance.
    assertThat(
            post("/api/auth/login", credentials(alice.name().toUpperCase(), "nope"), attacker)
                .status())
        .isEqualTo(401);
    assertThat(post("/auth/login", wrong, attacker).status()).isEqualTo(401);

    // The guessing address waits, even with the right password: the check comes first.
    Response limited = post("/auth/login", credentials(alice.name(), "password123"), attacker);
    long retryAfter = assertRateLimited(limited, "failed logins for this account");
    assertThat(retryAfter).isLessThanOrEqualTo(4);
    // The owner, elsewhere, is not locked out by someone else's guesses.
    assertThat(post("/auth/login", credentials(alice.name(), "password123"), address()).status())
        .isEqualTo(200);

    // After Retry-After (with room for a loaded machine), the right password works again.
    await()
        .atMost(Duration.ofSeconds(retryAfter + 30))
        .pollDelay(Duration.ofSeconds(retryAfter))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                post("/auth/login", credentials(alice.name(), "password123"), attacker).status()
                    == 200);
  }

  @Test
  void guessesFromManyAddressesHitTheAccountCeilingButNeverLockTheOwnerOut() {
    User carol = newUser("ceiling");
    String wrong = credentials(carol.name(), "wrong-password");
    List<String> attackers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      attackers.add(address());
      assertThat(post("/auth/login", wrong, attackers.get(i)).status()).isEqualTo(401);
    }
    // Past the account-wide ceiling, an address that already failed gets no second guess...
    assertRateLimited(post("/auth/login", wrong, attackers.get(0)), "this account");
    // ...a fresh one gets its guess after a short delay, and then no more...
    String fresh = address();
    assertThat(post("/auth/login", wrong, fresh).status()).isEqualTo(401);
    assertRateLimited(post("/auth/login", wrong, fresh), "this account");
    // ...and the owner, from an address without failures, gets in: never a 429.
    for (int i = 0; i < 3; i++) {
      Response owner = post("/auth/login", credentials(carol.name(), "password123"), address());
      assertThat(owner.status()).as(owner.toString()).isEqualTo(200);
    }
  }

  @Test
  void successfulLoginsDoNotCountAgainstTheAccount() {
    User bob = newUser("succeeds");
    String from = address();
    // Five attempts in all: within the per-address limit, so only the pair's allowance counts.
    for (int i = 0; i < 2; i++) {
      assertThat(post("/auth/login", credentials(bob.name(), "password123"), from).status())
          .isEqualTo(200);
    }
    // All three failures are still allowed: the successes took nothing.
    String wrong = credentials(bob.name(), "wrong-password");
    for (int i = 0; i < 3; i++) {
      assertThat(post("/auth/login", wrong, from).status()).isEqualTo(401);
    }
  }

  private Response withToken(String method, String path, String json, String token, String from) {
    return api.send(method, path, "application/json", json, token, "X-Forwarded-For", from);
  }

  @Test
  void currentPasswordGuessesShareTheLoginThrottle() {
    User dave = newUser("guessed");
    String thief = address();
    String wrongChange = "{\"current_password\":\"guess-one\",\"new_password\":\"newpassword1\"}";
    String wrongDelete = "{\"password\":\"guess-two\"}";
    assertThat(withToken("POST", "/auth/password", wrongChange, dave.token(), thief).status())
        .isEqualTo(400);
    assertThat(withToken("DELETE", "/users/me", wrongDelete, dave.token(), thief).status())
        .isEqualTo(400);
    assertThat(withToken("POST", "/auth/password", wrongChange, dave.token(), thief).status())
        .isEqualTo(400);
    // Both routes and the login draw on one allowance per account and address.
    assertRateLimited(
        withToken("POST", "/auth/password", wrongChange, dave.token(), thief), "this account");
    assertRateLimited(
        withToken("DELETE", "/users/me", wrongDelete, dave.token(), thief), "this account");
    assertRateLimited(
        post("/auth/login", credentials(dave.name(), "password123"), thief), "this account");
    // The owner, elsewhere, still changes the password.
    Response changed =
        withToken(
            "POST",
            "/auth/password",
            "{\"current_password\":\"password123\",\"new_password\":\"newpassword1\"}",
            dave.token(),
            address());
    assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
  }

  @Test
  void loginAttemptsPerAddressAreLimitedOnAllLoginRoutes() {
    String from = address();
    for (int i = 0; i < 5; i++) {
      String path = i % 2 == 0 ? "/auth/login" : "/api/auth/login";
      Response r = post(path, credentials(Api.uniqueName("nobody"), "password123"), from);
      assertThat(r.status()).as(r.toString()).isEqualTo(401);
    }
    assertRateLimited(
        post("/api/auth/login", credentials(Api.uniqueName("nobody"), "x1234567"), from),
        "login attempts from this address");
    // The form login of seed 003 shares the allowance.
    Response form =
        api.send(
            "POST",
            "/auth/login",
            "application/x-www-form-urlencoded",
            "username=someone&password=whatever1",
            null,
            "X-Forwarded-For",
            from);
    assertRateLimited(form, "login attempts");

    assertThat(
            post("/auth/login", credentials(Api.uniqueName("nobody"), "password123"), address())
                .status())
        .isEqualTo(401);
  }

  @Test
  void signUpsPerAddressAreLimited() {
    String from = address();
    assertThat(
            post("/auth/register", credentials(Api.uniqueName("reg"), "password123"), from)
                .status())
        .isEqualTo(201);
    assertThat(
            post("/api/auth/signup", credentials(Api.uniqueName("reg"), "password123"), from)
                .status())
        .isEqualTo(201);
    assertRateLimited(
        post("/auth/register", credentials(Api.uniqueName("reg"), "password123"), from),
        "sign-ups from this address");
    assertRateLimited(
        post("/api/auth/signup", credentials(Api.uniqueName("reg"), "password123"), from),
        "sign-ups");

    assertThat(
            post("/auth/register", credentials(Api.uniqueName("reg"), "password123"), address())
                .status())
        .isEqualTo(201);
  }

  private Handshake socket(String path, String token, String from) throws IOException {
    return Handshake.send(api.base(), path + "?token=" + token, "X-Forwarded-For: " + from);
  }

  private static void assertCapRefusal(Handshake refused, String messagePart) {
    assertThat(refused.status()).as(refused.body()).isEqualTo(429);
    JsonNode body = Api.parse(refused.body());
    assertThat(body.get("error").getStringValue()).isEqualTo("rate_limited");
    assertThat(body.get("message").getStringValue()).contains(messagePart);
  }

  @Test
  void socketsPerUserAreCappedAcrossSurfacesBeforeTheUpgrade() throws Exception {
    User carol = newUser("sockets");
    long room =
        api.post("/api/rooms", "{\"name\":\"" + Api.uniqueName("r") + "\"}", carol.token())
            .json()
            .get("id")
            .getLongValue();
    try (Handshake first = socket("/chat/ws", carol.token(), address());
        Handshake second = socket("/ws/chat/" + room, carol.token(), address())) {
      assertThat(first.status()).isEqualTo(101);
      assertThat(second.status()).isEqualTo(101);
      // Counted once registered, a moment after the 101: wait for proof of that on both.
      assertThat(first.firstFrame(10_000)).contains("\"connected\"");
      second.sendText("{\"type\":\"message\",\"content\":\"counted\"}");
      assertThat(second.firstFrame(10_000)).contains("counted");
      try (Handshake third = socket("/chat/ws", carol.token(), address())) {
        assertCapRefusal(third, "for this account");
      }
      first.close();
      // The close reaches the server asynchronously; then there is room again.
      assertThat(eventuallyOpens("/chat/ws", carol.token())).isTrue();
    }
  }

  private boolean eventuallyOpens(String path, String token) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try (Handshake attempt = socket(path, token, address())) {
        if (attempt.status() == 101) {
          return true;
        }
      }
      Thread.sleep(100);
    }
    return false;
  }

  @Test
  void socketsPerAddressAreCapped() throws Exception {
    User dave = newUser("addr_a");
    User erin = newUser("addr_b");
    String shared = address();
    try (Handshake a1 = socket("/chat/ws", dave.token(), shared);
        Handshake a2 = socket("/chat/ws", dave.token(), shared);
        Handshake b1 = socket("/chat/ws", erin.token(), shared)) {
      assertThat(List.of(a1.status(), a2.status(), b1.status())).containsOnly(101);
      for (Handshake open : List.of(a1, a2, b1)) {
        assertThat(open.firstFrame(10_000)).contains("\"connected\"");
      }
      try (Handshake b2 = socket("/chat/ws", erin.token(), shared)) {
        assertCapRefusal(b2, "from this address");
      }
      try (Handshake elsewhere = socket("/chat/ws", erin.token(), address())) {
        assertThat(elsewhere.status()).isEqualTo(101);
      }
    }
  }

  @Test
  void parallelUpgradesPastTheCheckAreClosedWith4029() throws Exception {
    User frank = newUser("racer");
    int attempts = 8;
    ExecutorService pool = Executors.newFixedThreadPool(attempts);
    List<Handshake> open = new ArrayList<>();
    try {
      List<Future<String>> outcomes = new ArrayList<>();
      for (int i = 0; i < attempts; i++) {
        outcomes.add(
            pool.submit(
                () -> {
                  Handshake h = socket("/chat/ws", frank.token(), address());
                  if (h.status() != 101) {
                    return "refused:" + h.status();
                  }
                  synchronized (open) {
                    open.add(h);
                  }
                  String first = h.firstFrame(10_000);
                  return first != null && first.contains("\"connected\"")
                      ? "live"
                      : first != null && first.contains("rate_limited") ? "closed:4029" : first;
                }));
      }
      List<String> results = new ArrayList<>();
      for (Future<String> outcome : outcomes) {
        results.add(outcome.get());
      }
      assertThat(results.stream().filter("live"::equals).count())
          .as(results.toString())
          .isEqualTo(2);
      assertThat(results)
          .as("every other attempt is refused before or right after the upgrade")
          .allMatch(r -> r.equals("live") || r.equals("refused:429") || r.equals("closed:4029"));
      for (Handshake h : open) {
        String frame = h.firstFrame(200);
        // Those told "rate_limited" get the close code next.
        if (frame != null && frame.startsWith("close:")) {
          assertThat(frame).isEqualTo("close:4029");
        }
      }
    } finally {
      pool.shutdownNow();
      for (Handshake h : open) {
        h.close();
      }
    }
  }

  @Test
  void aTwoMegabyteBodyIsRefusedWith413Json() {
    User gina = newUser("big");
    String big = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    for (Response response :
        List.of(
            api.post("/chat/servers", big, gina.token()), post("/auth/register", big, address()))) {
      assertThat(response.status()).as(response.toString()).isEqualTo(413);
      assertThat(response.json().get("error").getStringValue()).isEqualTo("payload_too_large");
      assertThat(response.json().get("message").getStringValue()).isNotBlank();
    }
  }

  @Test
  void aTwoMegabyteChunkedBodyIsRefusedWith413Json() throws Exception {
    User hank = newUser("chunked");
    byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
    List<ByteBuffer> parts = new ArrayList<>();
    parts.add(ByteBuffer.wrap("{\"name\":\"".getBytes(StandardCharsets.UTF_8)));
    for (int i = 0; i < 32; i++) {
      parts.add(ByteBuffer.wrap(chunk));
    }
    parts.add(ByteBuffer.wrap("\"}".getBytes(StandardCharsets.UTF_8)));
    // No length given: the body goes out chunked, so only its bytes can tell it is too big.
    HttpRequest request =
        HttpRequest.newBuilder(api.base().resolve("/chat/servers"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + hank.token())
            .POST(
                HttpRequest.BodyPublishers.fromPublisher(
                    subscriber -> subscriber.onSubscribe(new Parts(subscriber, parts))))
            .build();
    HttpResponse<String> response;
    try {
      response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    assertThat(Api.parse(response.body()).get("error").getStringValue())
        .isEqualTo("payload_too_large");
  }

  /** Hands out the body parts on demand. */
  private static final class Parts implements Flow.Subscription {
    private final Flow.Subscriber<? super ByteBuffer> subscriber;
    private final List<ByteBuffer> parts;
    private int next;
    private boolean done;

    Parts(Flow.Subscriber<? super ByteBuffer> subscriber, List<ByteBuffer> parts) {
      this.subscriber = subscriber;
      this.parts = parts;
    }

    @Override
    public synchronized void request(long n) {
      for (long i = 0; i < n && next < parts.size(); i++) {
        subscriber.onNext(parts.get(next++));
      }
      if (next == parts.size() && !done) {
        done = true;
        subscriber.onComplete();
      }
    }

    @Override
    public void cancel() {
      next = parts.size();
      done = true;
    }
  }
}
