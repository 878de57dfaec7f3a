package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.ParleyProcess;
import dev.parley.bootstrap.support.SecretTraffic;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code PARLEY_LOG_FORMAT=json} on a real Parley in its own JVM (the shipped logback.xml, the
 * embedded PostgreSQL, {@code dev.parley} at DEBUG so more lines are checked): the traffic runs
 * once, the server stops, and each test reads what it wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonLogsTest {
  private static final String GIVEN_ID = "json-test.req_1";
  private static final String DB_DOWN_ID = "json-test.db-down";
  private static final String BAD_TOKEN_ID = "json-test.bad-token";

  private Path dataDir;
  private String output;
  private List<JsonNode> lines;
  private SecretTraffic.Secrets secrets;
  private Session bob;
  private Response echoed;
  private Response unsafe;
  private Response quoted;
  private Response anonymous;
  private Response dbDown;
  private JsonNode socketError;

  /** One line of the output, parsed: its logger, message and MDC. */
  private record Line(String logger, String level, String thread, String message, JsonNode mdc) {
    static Line of(JsonNode json) {
      return new Line(
          json.get("loggerName").getStringValue(),
          json.get("level").getStringValue(),
          json.get("threadName").getStringValue(),
          json.get("formattedMessage").getStringValue(),
          json.get("mdc"));
    }

    String field(String name) {
      JsonNode value = mdc.get(name);
      return value == null ? null : value.getStringValue();
    }
  }

  @BeforeAll
  void runTrafficAndStop() throws Exception {
    dataDir = Path.of("target", "json-logs-" + UUID.randomUUID()).toAbsolutePath();
    int port = ParleyProcess.freePort();
    File log = new File("target/json-logs-" + port + ".log");
    URL shipped = getClass().getClassLoader().getResource("logback.xml");
    assertThat(shipped).as("bootstrap's own logback.xml on the test classpath").isNotNull();
    Process parley =
        ParleyProcess.spawn(
            Map.of(
                // The test classpath's logback-test.xml would win over the shipped file. A path,
                // not a URL: Micronaut reloads the file when it sets the levels below.
                "logback.configurationFile",
                Path.of(shipped.toURI()).toString(),
                "logger.levels.dev.parley",
                "DEBUG",
                "parley.data-dir",
                dataDir.toString(),
                "parley.jwt-secret",
                ApiTestBase.SECRET,
                "parley.security.bcrypt-cost",
                "4",
                "parley.demo-data",
                "false",
                // Sessions checked once stay accepted from memory, so the request sent once the
                // database is gone is authenticated and fails in its route, on a worker thread.
                "parley.security.session-check-cache",
                "10m",
                "micronaut.server.port",
                Integer.toString(port)),
            Map.of("PARLEY_LOG_FORMAT", "json"),
            log);
    try {
      Api api = ParleyProcess.awaitHealthy(port, parley, Duration.ofSeconds(120));
      secrets = SecretTraffic.run(api);
      String token = secrets.user().token();
      echoed = api.send("GET", "/users/me", null, null, token, "X-Request-Id", GIVEN_ID);
      unsafe = api.send("GET", "/users/me", null, null, token, "X-Request-Id", "x".repeat(65));
      quoted = api.send("GET", "/health", null, null, null, "X-Request-Id", "a \"b\": c");
      anonymous = api.get("/health", null);
      api.send("GET", "/users/me", null, null, "not-a-jwt", "X-Request-Id", BAD_TOKEN_ID);

      bob = api.newUser("jsonlogs");
      Fixtures fx = new Fixtures(api);
      long server = fx.server(bob, "json");
      long channel = fx.channel(bob, server, "general", "TEXT");
      try (WsClient ws = fx.gateway(bob)) {
        ws.send(sendFrame(channel));
        ws.await("message_ack");
      }
      // An invisible room: the access check fails on a socket worker, which closes the socket.
      try (WsClient room =
          WsClient.connect(api.base(), "/ws/chat/999999999?token=" + bob.token())) {
        room.awaitClose();
      }
      try (WsClient ws = fx.gateway(bob)) {
        api.get("/users/me", bob.token());
        killPostgres(dataDir.resolve("postgres"));
        dbDown = api.send("GET", "/users/me", null, null, bob.token(), "X-Request-Id", DB_DOWN_ID);
        ws.send(sendFrame(channel));
        socketError = ws.await("error");
      }
      // Every socket of bob's has said it closed before the server is stopped. Without those
      // lines (or without JSON) the wait ends and the tests below say what is missing.
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    socketLines(parse(Files.readString(log.toPath())), "Socket closed").size()
                        == 3);
      } catch (ConditionTimeoutException missing) {
        // reported by the tests
      }
    } finally {
      parley.destroy();
      if (!parley.waitFor(60, TimeUnit.SECONDS)) {
        parley.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      killPostgres(dataDir.resolve("postgres"));
    }
    output = Files.readString(log.toPath());
    lines = parse(output);
  }

  @AfterAll
  void removeData() throws IOException {
    if (dataDir != null && Files.exists(dataDir)) {
      try (var paths = Files.walk(dataDir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Test
  void everyLineIsOneJsonObjectWithTimestampLevelThreadLoggerMessageAndMdc() {
    List<String> raw = output.lines().filter(l -> !l.isBlank()).toList();
    assertThat(raw).hasSizeGreaterThan(20);
    for (String line : raw) {
      assertThat(line).as(line).startsWith("{").endsWith("}");
      JsonNode json = Api.parse(line);
      assertThat(json).as(line).isNotNull();
      assertThat(json.isObject()).as(line).isTrue();
      assertThat(json.get("timestamp").isNumber()).as(line).isTrue();
      for (String field : List.of("level", "threadName", "loggerName", "formattedMessage")) {
        assertThat(json.get(field)).as(field + " of " + line).isNotNull();
        assertThat(json.get(field).isString()).as(field + " of " + line).isTrue();
      }
      assertThat(json.get("mdc").isObject()).as(line).isTrue();
    }
    assertThat(lines).hasSameSizeAs(raw);
  }

  @Test
  void aRequestsLinesCarryItsIdWhichTheResponseEchoes() {
    assertThat(echoed.header("X-Request-Id")).contains(GIVEN_ID);
    String generated = unsafe.header("X-Request-Id").orElseThrow();
    assertThat(generated).as("a 65-character id is not reused").matches("[0-9a-f]{16}");
    assertThat(quoted.header("X-Request-Id").orElseThrow()).matches("[0-9a-f]{16}");
    assertThat(anonymous.header("X-Request-Id").orElseThrow()).matches("[0-9a-f]{16}");

    Line given = single(withField("requestId", GIVEN_ID));
    assertThat(given.logger()).isEqualTo("parley.access");
    assertThat(given.message()).startsWith("GET /users/me 200 ");
    assertThat(given.field("userId")).isEqualTo(Long.toString(secrets.user().id()));
    assertThat(single(withField("requestId", generated)).message()).startsWith("GET /users/me 200");
    // Every access line has an id, and ids are not shared between requests.
    List<Line> access = all().stream().filter(l -> l.logger().equals("parley.access")).toList();
    assertThat(access).allSatisfy(l -> assertThat(l.field("requestId")).isNotBlank());
    assertThat(access.stream().map(l -> l.field("requestId")).distinct()).hasSameSizeAs(access);

    // Before any user is known: the security filter's own line carries the request's id.
    assertThat(withField("requestId", BAD_TOKEN_ID))
        .anySatisfy(
            l -> {
              assertThat(l.logger()).endsWith("ParleyTokenValidator");
              assertThat(l.message()).isEqualTo("token rejected: ParseException");
            })
        .allSatisfy(l -> assertThat(l.field("userId")).isNull());
    // The lines of a request handled on another thread (the route's, after the database went
    // away) carry its id and its user too, not only the access line.
    assertThat(dbDown.status()).isEqualTo(503);
    List<Line> failed = withField("requestId", DB_DOWN_ID);
    assertThat(failed)
        .anySatisfy(
            l -> {
              assertThat(l.logger()).endsWith("ServerErrorHandler");
              assertThat(l.message()).startsWith("Database unavailable on GET /users/me");
              assertThat(l.thread()).doesNotContain("eventLoop");
            });
    assertThat(failed)
        .allSatisfy(l -> assertThat(l.field("userId")).isEqualTo(Long.toString(bob.id())));
  }

  @Test
  void aSocketsLinesCarryItsConnectionIdAndUserId() {
    String user = Long.toString(bob.id());
    List<Line> opened = socketLines(lines, "Socket opened");
    assertThat(opened).hasSize(3);
    Set<String> connections =
        opened.stream().map(l -> l.field("connectionId")).collect(Collectors.toSet());
    assertThat(connections).hasSize(3).doesNotContainNull();
    for (Line open : opened) {
      // The opening line names the upgrade request, whose access line has the same id.
      String upgrade = open.field("requestId");
      assertThat(upgrade).as("the upgrade's request id on " + open).isNotNull();
      assertThat(withField("requestId", upgrade))
          .anySatisfy(
              l -> {
                assertThat(l.logger()).isEqualTo("parley.access");
                assertThat(l.message()).matches("GET /(chat/ws|ws/chat/999999999) .*");
              });
    }
    assertThat(socketLines(lines, "Socket closed"))
        .extracting(l -> l.field("connectionId"))
        .containsExactlyInAnyOrderElementsOf(connections);
    // Lines logged inside frame work, on socket workers and on whichever thread completes an
    // answer, carry the connection's fields as well.
    List<Line> ofBob =
        all().stream().filter(l -> connections.contains(l.field("connectionId"))).toList();
    assertThat(ofBob).allSatisfy(l -> assertThat(l.field("userId")).isEqualTo(user));
    assertThat(ofBob)
        .anySatisfy(
            l -> {
              assertThat(l.thread()).startsWith("socket-workers");
              assertThat(l.message())
                  .isEqualTo(
                      "Closing "
                          + l.field("connectionId")
                          + " of user "
                          + user
                          + " with 4404 (not found)");
            });
    assertThat(socketError.get("code").getStringValue()).isEqualTo("unavailable");
    assertThat(ofBob)
        .anySatisfy(
            l ->
                assertThat(l.message())
                    .startsWith("Database unavailable for a socket frame of user " + user));
  }

  @Test
  void noSecretAndNoMessageTextAppearsInTheOutput() {
    List<String> unescaped = new ArrayList<>();
    lines.forEach(json -> strings(json, unescaped));
    assertThat(unescaped).anyMatch(s -> s.contains("/chat/invites/***/join"));
    for (String secret : secrets.values()) {
      assertThat(output).doesNotContain(secret);
      assertThat(unescaped).noneMatch(s -> s.contains(secret));
    }
  }

  @Test
  void postgresWritesItsOwnOutputToPostgresLogInTheDataDirectory() throws IOException {
    Path pgLog = dataDir.resolve("postgres.log");
    assertThat(pgLog).exists();
    assertThat(Files.readString(pgLog)).contains("database system is ready to accept connections");
    assertThat(output).doesNotContain("database system is ready");
  }

  private static String sendFrame(long channel) {
    return "{\"type\":\"send_message\",\"channelId\":"
        + channel
        + ",\"text\":\"hello\",\"nonce\":\""
        + UUID.randomUUID()
        + "\"}";
  }

  private List<Line> all() {
    return lines.stream().map(Line::of).toList();
  }

  private List<Line> withField(String name, String value) {
    return all().stream().filter(l -> value.equals(l.field(name))).toList();
  }

  private static Line single(List<Line> found) {
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  /** Bob's lifecycle lines of sockets, found by his user id. */
  private List<Line> socketLines(List<JsonNode> parsed, String prefix) {
    String user = Long.toString(bob.id());
    return parsed.stream()
        .map(Line::of)
        .filter(l -> l.logger().equals("parley.socket"))
        .filter(l -> l.message().startsWith(prefix))
        .filter(l -> user.equals(l.field("userId")))
        .toList();
  }

  private static List<JsonNode> parse(String text) {
    return text.lines().filter(l -> !l.isBlank()).map(Api::parse).filter(Objects::nonNull).toList();
  }

  /** Every string in {@code json}, keys included, as it reads once unescaped. */
  private static void strings(JsonNode json, List<String> into) {
    if (json.isString()) {
      into.add(json.getStringValue());
    } else if (json.isObject()) {
      for (Map.Entry<String, JsonNode> entry : json.entries()) {
        into.add(entry.getKey());
        strings(entry.getValue(), into);
      }
    } else if (json.isArray()) {
      json.values().forEach(value -> strings(value, into));
    }
  }

  /** SIGKILL to the embedded PostgreSQL and its processes, if it still runs. */
  private static void killPostgres(Path pgData) {
    try {
      long pid =
          Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).strip());
      ProcessHandle.of(pid)
          .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
          .ifPresent(
              postmaster -> {
                List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
                all.add(postmaster);
                all.forEach(ProcessHandle::destroyForcibly);
                all.forEach(p -> p.onExit().completeOnTimeout(null, 15, TimeUnit.SECONDS).join());
              });
    } catch (IOException | RuntimeException gone) {
      // no postmaster.pid: PostgreSQL already stopped
    }
  }
}
