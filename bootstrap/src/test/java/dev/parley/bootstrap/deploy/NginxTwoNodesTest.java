package dev.parley.bootstrap.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.adapters.testing.TestRedis;
import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.ParleyProcess;
import dev.parley.bootstrap.support.RawSocket;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * deploy/compose.yaml's topology on loopback: two Parley processes sharing one PostgreSQL and one
 * Redis, behind Debian's nginx running deploy/nginx.conf (only addresses and paths swapped). A
 * client chatting through nginx keeps chatting when the node behind its socket gets SIGTERM, and
 * nothing acknowledged is lost. Skipped where nginx is not installed (.ci/run installs it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxTwoNodesTest {
  private static final Path NGINX = Path.of("/usr/sbin/nginx");
  private static final Path CONF = Path.of("../deploy/nginx.conf");
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** One Parley JVM, reachable directly (metrics, probes) and through nginx. */
  private record Node(int port, Process process, Api api) {}

  private final List<Node> nodes = new ArrayList<>();
  private TestRedis redis;
  private Path work;
  private Process nginx;
  private Api front;

  @BeforeAll
  void startNodesAndNginx() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(NGINX), "nginx is not installed (apt-get install nginx; .ci/run does)");
    String database = TestPostgres.freshDatabaseUrl();
    redis = TestRedis.start();
    String prefix = TestRedis.uniquePrefix();
    work = Files.createTempDirectory("parley-nginx-");
    // Attachments on one directory for both nodes, as compose's shared volume.
    Path data = Files.createDirectories(work.resolve("data"));
    for (int i = 0; i < 2; i++) {
      int port = ParleyProcess.freePort();
      Map<String, String> p = new HashMap<>();
      p.put("datasources.default.url", database);
      p.put("datasources.default.username", "postgres");
      p.put("datasources.default.password", "");
      p.put("parley.jwt-secret", ApiTestBase.SECRET);
      p.put("parley.security.bcrypt-cost", "4");
      p.put("parley.demo-data", "false");
      p.put("parley.data-dir", data.toString());
      p.put("micronaut.server.port", Integer.toString(port));
      p.put("redis.uri", redis.uri());
      p.put("parley.redis.key-prefix", prefix);
      p.put("parley.redis.check-interval", "250ms");
      // As compose sets it: nginx appends the client's address.
      p.put("parley.security.trust-forwarded-for", "true");
      p.put("parley.security.registration.max-per-address", "1000");
      // A socket that never answers the close frame keeps a drain in its socket phase (up to
      // LiveSockets' 10 s) with the HTTP server still answering; the test uses one for that.
      p.put("parley.socket.close-linger", "30s");
      Process process = ParleyProcess.spawn(p, new File("target/nginx-two-nodes-" + port + ".log"));
      nodes.add(new Node(port, process, new Api(URI.create("http://127.0.0.1:" + port))));
    }
    for (Node node : nodes) {
      ParleyProcess.awaitHealthy(node.port(), node.process(), Duration.ofSeconds(120));
    }

    int frontPort = ParleyProcess.freePort();
    if ("root".equals(System.getProperty("user.name"))) {
      // nginx's workers drop root for an unprivileged user, who must reach the temp directories.
      Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Path conf = work.resolve("nginx.conf");
    Files.writeString(
        conf,
        forLoopback(
            Files.readString(CONF), frontPort, nodes.get(0).port(), nodes.get(1).port(), work));
    nginx =
        new ProcessBuilder(
                NGINX.toString(),
                "-p",
                work + "/",
                "-e",
                work.resolve("error.log").toString(),
                "-c",
                conf.toString(),
                "-g",
                "daemon off;")
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("nginx.out").toFile())
            .start();
    front = new Api(URI.create("http://127.0.0.1:" + frontPort));
    await("nginx answering (see " + work + ")")
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              assertThat(nginx.isAlive()).as("nginx exited; see " + work).isTrue();
              return status(front, "/health/readiness") == 200;
            });
  }

  /**
   * deploy/nginx.conf with the compose names swapped for loopback ports and every file nginx writes
   * moved into {@code dir}; each swap must find its line, so a changed file fails here.
   */
  static String forLoopback(String conf, int listen, int first, int second, Path dir) {
    String c = conf;
    c = swap(c, "server parley-1:8080", "server 127.0.0.1:" + first);
    c = swap(c, "server parley-2:8080", "server 127.0.0.1:" + second);
    c = swap(c, "listen 8080;", "listen 127.0.0.1:" + listen + ";");
    c = swap(c, "worker_processes auto;", "worker_processes 1;");
    c = swapPattern(c, "(?m)^pid [^;]+;", "pid " + dir.resolve("nginx.pid") + ";");
    c = swapPattern(c, "(?m)^error_log [^;]+;", "error_log " + dir.resolve("error.log") + " warn;");
    c =
        swapPattern(
            c, "access_log \\S+ parley;", "access_log " + dir.resolve("access.log") + " parley;");
    c =
        swapPattern(
            c,
            "client_body_temp_path [^;]+;",
            "client_body_temp_path " + dir.resolve("client_temp") + ";");
    c =
        swapPattern(
            c, "proxy_temp_path [^;]+;", "proxy_temp_path " + dir.resolve("proxy_temp") + ";");
    // Debian's build puts these under /var/lib/nginx, which nginx would create at startup.
    c =
        swap(
            c,
            "http {",
            "http {\n  fastcgi_temp_path "
                + dir.resolve("fastcgi_temp")
                + ";\n  uwsgi_temp_path "
                + dir.resolve("uwsgi_temp")
                + ";\n  scgi_temp_path "
                + dir.resolve("scgi_temp")
                + ";");
    return c;
  }

  private static String swap(String text, String literal, String replacement) {
    assertThat(text).as("deploy/nginx.conf has '" + literal + "'").contains(literal);
    return text.replace(literal, replacement);
  }

  private static String swapPattern(String text, String regex, String replacement) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("deploy/nginx.conf matches " + regex).isTrue();
    return m.replaceAll(Matcher.quoteReplacement(replacement));
  }

  @AfterAll
  void stopEverything() throws Exception {
    if (nginx != null) {
      // SIGTERM to the master (by its pid: this process), which stops its workers.
      nginx.destroy();
      if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
        nginx.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    for (Node node : nodes) {
      node.process().destroyForcibly();
      node.process().waitFor(30, TimeUnit.SECONDS);
    }
    if (redis != null) {
      redis.close();
    }
    if (work != null) {
      // nginx's logs stay in target/ for inspection; the rest (temp files, attachments) goes.
      Path logs = Files.createDirectories(Path.of("target/nginx-two-nodes"));
      for (String log : List.of("access.log", "error.log", "nginx.out", "nginx.conf")) {
        Path file = work.resolve(log);
        if (Files.exists(file)) {
          Files.copy(file, logs.resolve(log), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      try (Stream<Path> walk = Files.walk(work)) {
        walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void aClientKeepsChattingThroughNginxWhenTheNodeBehindItsSocketIsStopped() throws Exception {
    // The proxy keeps /metrics to itself; on loopback, without a proxy, a node shows it.
    assertThat(status(front, "/metrics")).isEqualTo(404);
    assertThat(status(nodes.get(0).api(), "/metrics")).isEqualTo(200);

    Fixtures fx = new Fixtures(front);
    Session alice = front.newUser("lbalice");
    Session bob = front.newUser("lbbob");
    Session holder = front.newUser("lbholder");
    long server = fx.server(bob, "Behind nginx");
    long channel = fx.channel(bob, server, "general", "TEXT");
    fx.member(bob, server, alice);
    View view = new View(channel);

    WsClient first = WsClient.connect(front.base(), "/chat/ws?token=" + alice.token());
    view.pump(first, f -> is(f, "connected"), () -> false, "connected");
    // Which node nginx put her on: the one whose metrics show one native socket.
    await("alice's socket on one node")
        .atMost(WAIT)
        .until(() -> nativeSockets(nodes.get(0)) + nativeSockets(nodes.get(1)) == 1);
    Node victim = nativeSockets(nodes.get(0)) == 1 ? nodes.get(0) : nodes.get(1);
    Node survivor = victim == nodes.get(0) ? nodes.get(1) : nodes.get(0);

    for (int i = 1; i <= 5; i++) {
      String nonce = "before-" + i;
      first.send(sendFrame(channel, "alice " + nonce, nonce));
      view.pump(first, f -> false, () -> view.ackedNonces.contains(nonce), "ack of " + nonce);
    }

    // Holds the victim's drain in its socket phase, so upgrades arrive while it drains.
    try (RawSocket held =
            RawSocket.connect(victim.api().base(), "/chat/ws?token=" + holder.token(), 0);
        Sender bobSends = new Sender(front, bob, server, channel)) {
      while (!held.readFrame().text().contains("\"connected\"")) {
        // until registered among the victim's live sockets
      }
      bobSends.start();
      await("bob's first sends").atMost(WAIT).until(() -> bobSends.acked.size() >= 5);
      view.pump(first, f -> false, () -> view.contiguous() >= 10, "the first ten messages");

      victim.process().destroy(); // SIGTERM: the drain
      assertThat(first.awaitClose()).as("close code from the draining node").isEqualTo(1001);
      view.takeQueued(first);

      // Reconnect through nginx, as a browser would (a single-use ticket, not the token, in the
      // URL), and resume from the last seq held without a hole. The drain's 503 comes before
      // authentication, so a ticket nginx first took to the draining node is still good for the
      // retry on the other one.
      long cursor = view.contiguous();
      WsClient second =
          await("a socket through nginx again")
              .atMost(WAIT)
              .pollInterval(Duration.ofMillis(100))
              .until(() -> tryConnect("/chat/ws?resume=1&ticket=" + ticket(alice)), c -> c != null);
      view.pump(second, f -> is(f, "connected"), () -> false, "connected after reconnecting");
      second.send("{\"type\":\"resume\",\"channels\":{\"" + channel + "\":" + cursor + "}}");
      view.pump(second, f -> is(f, "resumed"), () -> false, "resumed");

      // Upgrades while the victim drains all reach the survivor: nginx takes the victim's 503
      // (or refused connection) as a reason to try the other node.
      List<WsClient> probes = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          WsClient probe = WsClient.connect(front.base(), "/chat/ws?ticket=" + ticket(alice));
          probes.add(probe);
          probe.await("connected");
        }
        await("four sockets on the surviving node")
            .atMost(WAIT)
            .until(() -> nativeSockets(survivor) == 4);
        assertThat(victim.process().isAlive()).as("the victim was still draining").isTrue();
        assertThat(status(victim.api(), "/health/readiness")).isEqualTo(503);
      } finally {
        probes.forEach(WsClient::close);
      }

      // She keeps chatting, now on the survivor; bob keeps chatting through nginx all along.
      for (int i = 1; i <= 5; i++) {
        String nonce = "after-" + i;
        second.send(sendFrame(channel, "alice " + nonce, nonce));
        view.pump(second, f -> false, () -> view.ackedNonces.contains(nonce), "ack of " + nonce);
      }
      int bobBefore = bobSends.acked.size();
      await("bob's sends after the failover")
          .atMost(WAIT)
          .until(() -> bobSends.acked.size() >= bobBefore + 5);
      bobSends.stop();

      // Nothing acknowledged is lost: history has every acked message, once, seq without holes,
      // and alice holds exactly that history.
      TreeMap<Long, Long> history = history(front, alice, server, channel);
      assertThat(history.firstKey()).isEqualTo(1L);
      assertThat(history.lastKey()).isEqualTo((long) history.size());
      assertThat(history.values()).containsAll(view.ackedIds).containsAll(bobSends.acked);
      assertThat(view.ackedIds).hasSize(10);
      view.pump(
          second,
          f -> false,
          () -> view.contiguous() >= history.lastKey(),
          "every message up to seq " + history.lastKey());
      assertThat(view.idBySeq).isEqualTo(history);
      second.close();

      assertThat(victim.process().waitFor(60, TimeUnit.SECONDS)).as("the victim exits").isTrue();
      assertThat(victim.process().exitValue()).as("after a complete drain").isZero();
    }
    // No upgrade through nginx ended in an error for the client (lines of closed sockets).
    for (String line : Files.readAllLines(work.resolve("access.log"))) {
      if (line.contains(" /chat/ws ")) {
        assertThat(line).as("access log").containsPattern("\" 101 ");
      }
    }
  }

  /** Alice's view of the channel: the message id at each seq she holds, and her acks. */
  private static final class View {
    final long channel;
    final TreeMap<Long, Long> idBySeq = new TreeMap<>();
    final Set<String> ackedNonces = ConcurrentHashMap.newKeySet();
    final Set<Long> ackedIds = ConcurrentHashMap.newKeySet();

    View(long channel) {
      this.channel = channel;
    }

    void accept(JsonNode frame) {
      if (is(frame, "new_message") && frame.get("channelId").getLongValue() == channel) {
        long seq = frame.get("seq").getLongValue();
        long id = frame.get("id").getLongValue();
        // A replay may repeat what she held above her cursor; it must be the same message.
        Long held = idBySeq.putIfAbsent(seq, id);
        assertThat(held == null || held == id).as("seq " + seq + " is one message").isTrue();
      } else if (is(frame, "message_ack")) {
        ackedNonces.add(frame.get("nonce").getStringValue());
        ackedIds.add(frame.get("id").getLongValue());
      } else if (is(frame, "error")) {
        throw new AssertionError("error frame: " + Api.json(frame));
      }
    }

    /** The highest seq below which she holds every message: where a resume starts. */
    long contiguous() {
      long seq = 0;
      while (idBySeq.containsKey(seq + 1)) {
        seq++;
      }
      return seq;
    }

    /** Takes frames until one matches {@code frame} or {@code state} holds; fails after WAIT. */
    void pump(WsClient client, Predicate<JsonNode> frame, BooleanSupplier state, String what) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!state.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        assertThat(left).as("no " + what + " within " + WAIT).isPositive();
        JsonNode next = client.next(Duration.ofNanos(Math.min(left, 200_000_000L)));
        if (next != null) {
          accept(next);
          if (frame.test(next)) {
            return;
          }
        }
      }
    }

    /** Everything a closed socket received before its close. */
    void takeQueued(WsClient client) {
      for (JsonNode next = client.next(Duration.ZERO);
          next != null;
          next = client.next(Duration.ZERO)) {
        accept(next);
      }
    }
  }

  /** Bob posting over REST through nginx, one message at a time, until stopped. */
  private static final class Sender implements AutoCloseable {
    private static final int MAX = 1000;
    final Set<Long> acked = ConcurrentHashMap.newKeySet();
    final AtomicInteger refused = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    Sender(Api front, Session bob, long server, long channel) {
      Fixtures fx = new Fixtures(new Api(front.base()));
      thread =
          new Thread(
              () -> {
                for (int i = 1; i <= MAX && running.get(); i++) {
                  try {
                    Api.Response r = fx.send(bob, server, channel, "bob " + i);
                    if (r.status() == 201) {
                      acked.add(r.json().get("id").getLongValue());
                    } else {
                      refused.incrementAndGet(); // not acknowledged: no promise to keep
                    }
                    // A chat pace (about 25 a second), not a wait for anything: keeps the
                    // channel's history small enough for one resume.
                    Thread.sleep(40);
                  } catch (RuntimeException e) {
                    refused.incrementAndGet();
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "bob-sends");
    }

    void start() {
      thread.start();
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join(WAIT.toMillis());
    }

    @Override
    public void close() throws InterruptedException {
      stop();
    }
  }

  /** A socket ticket for {@code user}, asked through nginx; null when nginx could not answer. */
  private String ticket(Session user) {
    try {
      Api.Response r = front.post("/auth/socket-ticket", "", user.token());
      return r.status() == 200 ? r.json().get("ticket").getStringValue() : null;
    } catch (RuntimeException notAnswered) {
      return null;
    }
  }

  private WsClient tryConnect(String path) {
    try {
      return WsClient.connect(front.base(), path);
    } catch (RuntimeException refused) {
      return null; // a 502 from nginx while it finds out: try again
    }
  }

  /** Every message of the channel, seq to id, paged through nginx. */
  private static TreeMap<Long, Long> history(Api api, Session user, long server, long channel) {
    TreeMap<Long, Long> bySeq = new TreeMap<>();
    long after = 0;
    for (int page = 0; page < 100; page++) {
      Api.Response r =
          api.get(
              "/chat/servers/"
                  + server
                  + "/channels/"
                  + channel
                  + "/messages?limit=100&after_seq="
                  + after,
              user.token());
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      if (r.json().size() == 0) {
        return bySeq;
      }
      for (JsonNode m : r.json().values()) {
        after = m.get("seq").getLongValue();
        assertThat(bySeq.put(after, m.get("id").getLongValue())).as("seq " + after).isNull();
      }
    }
    throw new AssertionError("more than 100 pages of history");
  }

  /** The node's open native-gateway sockets, from its own /metrics (asked on loopback). */
  private static int nativeSockets(Node node) {
    Api.Response r = node.api().get("/metrics", null);
    assertThat(r.status()).isEqualTo(200);
    Matcher m =
        Pattern.compile("(?m)^parley_sockets_open\\{[^}]*surface=\"native\"[^}]*\\}\\s+(\\S+)$")
            .matcher(r.body());
    return m.find() ? (int) Double.parseDouble(m.group(1)) : 0;
  }

  private static int status(Api api, String path) {
    try {
      return api.get(path, null).status();
    } catch (RuntimeException notAnswering) {
      return -1;
    }
  }

  private static boolean is(JsonNode frame, String type) {
    return type.equals(frame.get("type").getStringValue());
  }

  private static String sendFrame(long channel, String text, String nonce) {
    return "{\"type\":\"send_message\",\"channelId\":"
        + channel
        + ",\"text\":"
        + Api.json(text)
        + ",\"nonce\":\""
        + nonce
        + "\"}";
  }
}
