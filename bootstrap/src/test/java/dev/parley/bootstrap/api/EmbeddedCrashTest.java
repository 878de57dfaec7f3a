package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.ParleyProcess;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The default embedded mode under a crash of everything: Parley's JVM and its PostgreSQL are both
 * killed with SIGKILL in the middle of a burst, and every message acked before that is still there
 * after a restart on the same data directory, with its acked id and seq.
 */
class EmbeddedCrashTest {
  private static final int TOTAL = 500;
  // Killed once this many acks are in: commits are then flowing at full speed, so the last ones
  // acked are the freshest, those a commit that is not flushed before its ack would lose.
  private static final int KILL_AFTER_ACKS = 150;
  // Sends in flight at once: enough to keep commits grouped, few enough that the kill lands
  // mid-run.
  private static final int IN_FLIGHT = 32;

  /** What the client was told about one message. */
  private record Ack(long id, long seq, boolean duplicate) {}

  /** One message of the channel's history. */
  private record Stored(long id, long seq) {}

  private static Process spawn(Path dataDir, int port) throws IOException {
    // No datasource URL: the default embedded PostgreSQL under dataDir, as `java -jar` runs it.
    return ParleyProcess.spawn(
        Map.of(
            "parley.data-dir",
            dataDir.toString(),
            "parley.jwt-secret",
            ApiTestBase.SECRET,
            "parley.security.bcrypt-cost",
            "4",
            "parley.demo-data",
            "false",
            "micronaut.server.port",
            Integer.toString(port)),
        new File("target/embedded-crash-" + port + ".log"));
  }

  private static String send(long channel, int i) {
    // The nonce is also in the text: history does not show nonces, texts identify the message.
    return "{\"type\":\"send_message\",\"channelId\":"
        + channel
        + ",\"text\":\"crash n-"
        + i
        + "\",\"nonce\":\"n-"
        + i
        + "\"}";
  }

  @Test
  void everyAckedMessageSurvivesAKillOfTheJvmAndItsPostgresAndResendsFillTheRest()
      throws Exception {
    Path dataDir = Path.of("target", "embedded-crash-" + UUID.randomUUID()).toAbsolutePath();
    Path pgData = dataDir.resolve("postgres");
    int port = ParleyProcess.freePort();
    Process first = spawn(dataDir, port);
    Map<String, Ack> acked = new HashMap<>();
    Session alice;
    long serverId;
    long channel;
    try {
      Api api = ParleyProcess.awaitHealthy(port, first, Duration.ofSeconds(120));
      assertDurableSettings(postmasterPort(pgData));
      alice = api.newUser("crash");
      Fixtures fx = new Fixtures(api);
      serverId = fx.server(alice, "Crash");
      channel = fx.channel(alice, serverId, "general", "TEXT");
      try (WsClient ws = fx.gateway(alice)) {
        // A window of sends in flight, topped up as acks come: a burst of all TOTAL at once can be
        // acked in full before this thread has read the first KILL_AFTER_ACKS of them.
        int sent = 0;
        while (sent < IN_FLIGHT) {
          ws.send(send(channel, sent++));
        }
        while (acked.size() < KILL_AFTER_ACKS) {
          JsonNode frame = ws.next(Duration.ofSeconds(30));
          assertThat(frame).as("acks stopped coming").isNotNull();
          collectAck(frame, acked);
          while (sent < TOTAL && sent - acked.size() < IN_FLIGHT) {
            ws.send(send(channel, sent++));
          }
        }
        killEverything(first, pgData);
        // Acks already on the wire still count: the server sent them after the commit. PostgreSQL
        // dies a moment before the JVM, so a send caught in between may be answered "unavailable"
        // (nothing stored, nothing acked): the right answer, and the resend below covers it.
        ws.drain(Duration.ofMillis(500)).stream()
            .filter(frame -> !isUnavailable(frame))
            .forEach(frame -> collectAck(frame, acked));
      }
    } finally {
      first.destroyForcibly();
      killLeftovers(pgData);
    }
    assertThat(acked.size()).isBetween(KILL_AFTER_ACKS, TOTAL - 1);

    int port2 = ParleyProcess.freePort();
    Process second = spawn(dataDir, port2);
    try {
      Api api = ParleyProcess.awaitHealthy(port2, second, Duration.ofSeconds(120));
      Session again = new Session(alice.id(), alice.username(), api.login(alice.username()));
      Map<String, Stored> stored = history(api, again, serverId, channel);
      List<String> lost =
          acked.keySet().stream().filter(n -> !stored.containsKey(n)).sorted().toList();
      // One line for the report: how much the kill caught in flight.
      System.out.printf(
          "EmbeddedCrashTest: %d of %d acked before the kill, %d stored after it, %d acked lost%n",
          acked.size(), TOTAL, stored.size(), lost.size());
      assertThat(lost).as("acked before the crash, missing after it").isEmpty();
      acked.forEach(
          (nonce, ack) ->
              assertThat(stored.get(nonce)).as(nonce).isEqualTo(new Stored(ack.id(), ack.seq())));

      // A client resending everything with the same nonces: each message exactly once.
      Map<String, Ack> resent = new HashMap<>();
      try (WsClient ws = new Fixtures(api).gateway(again)) {
        for (int i = 0; i < TOTAL; i++) {
          ws.send(send(channel, i));
        }
        while (resent.size() < TOTAL) {
          JsonNode frame = ws.next(Duration.ofSeconds(30));
          assertThat(frame).as("acks of the resends stopped coming").isNotNull();
          collectAck(frame, resent);
        }
      }
      resent.forEach(
          (nonce, ack) -> {
            Stored before = stored.get(nonce);
            assertThat(ack.duplicate()).as(nonce + " duplicate").isEqualTo(before != null);
            if (before != null) {
              assertThat(new Stored(ack.id(), ack.seq())).as(nonce).isEqualTo(before);
            }
          });
      Map<String, Stored> after = history(api, again, serverId, channel);
      assertThat(after).hasSize(TOTAL);
      resent.forEach(
          (nonce, ack) ->
              assertThat(after.get(nonce)).as(nonce).isEqualTo(new Stored(ack.id(), ack.seq())));
    } finally {
      second.destroy();
      second.onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).join();
      second.destroyForcibly();
      killLeftovers(pgData);
    }
    deleteTree(dataDir);
  }

  private static boolean isUnavailable(JsonNode frame) {
    return "error".equals(frame.get("type").getStringValue())
        && frame.get("code") != null
        && "unavailable".equals(frame.get("code").getStringValue());
  }

  /** Records a {@code message_ack}; fails on an error frame, which no send here should get. */
  private static void collectAck(JsonNode frame, Map<String, Ack> acks) {
    String type = frame.get("type").getStringValue();
    assertThat(type).as(Api.json(frame)).isNotEqualTo("error");
    if ("message_ack".equals(type)) {
      Ack ack =
          new Ack(
              frame.get("id").getLongValue(),
              frame.get("seq").getLongValue(),
              frame.get("duplicate").getBooleanValue());
      assertThat(acks.put(frame.get("nonce").getStringValue(), ack)).as("acked twice").isNull();
    }
  }

  /**
   * The channel's history through REST, paged by {@code after_seq}: nonce to id and seq; fails on a
   * nonce stored twice or a hole in {@code seq}.
   */
  private static Map<String, Stored> history(Api api, Session user, long serverId, long channel) {
    Map<String, Stored> byNonce = new LinkedHashMap<>();
    long lastSeq = 0;
    // Bounded: 100 a page, so TOTAL messages take TOTAL / 100 + 1 pages.
    for (int page = 0; page <= TOTAL / 100 + 1; page++) {
      Response r =
          api.get(
              "/chat/servers/"
                  + serverId
                  + "/channels/"
                  + channel
                  + "/messages?limit=100&after_seq="
                  + lastSeq,
              user.token());
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode messages = r.json();
      if (messages.size() == 0) {
        break;
      }
      for (JsonNode m : messages.values()) {
        long seq = m.get("seq").getLongValue();
        assertThat(seq).as("seq after " + lastSeq).isEqualTo(lastSeq + 1);
        lastSeq = seq;
        String nonce = m.get("text").getStringValue().substring("crash ".length());
        assertThat(byNonce.put(nonce, new Stored(m.get("id").getLongValue(), seq)))
            .as("stored twice: " + nonce)
            .isNull();
      }
    }
    return byNonce;
  }

  /**
   * SIGKILLs the JVM and every PostgreSQL process at once and waits until all are gone. pg_ctl
   * starts the postmaster detached, so it is found through postmaster.pid, not among the JVM's
   * descendants; its backends, WAL writer and checkpointer are its descendants.
   */
  private static void killEverything(Process jvm, Path pgData) throws IOException {
    ProcessHandle postmaster =
        ProcessHandle.of(postmasterPid(pgData)).orElseThrow(() -> new AssertionError("no PG"));
    List<ProcessHandle> postgres = new ArrayList<>();
    postgres.add(postmaster);
    postmaster.descendants().forEach(postgres::add);
    assertThat(postgres).as("postmaster and its processes").hasSizeGreaterThan(3);
    List<ProcessHandle> all = new ArrayList<>(postgres);
    all.add(jvm.toHandle());
    jvm.descendants().forEach(all::add);

    all.forEach(ProcessHandle::destroyForcibly);

    for (ProcessHandle p : all) {
      p.onExit().completeOnTimeout(null, 15, TimeUnit.SECONDS).join();
      assertThat(p.isAlive()).as("pid " + p.pid() + " still alive after SIGKILL").isFalse();
    }
    int pgPort = postmasterPort(pgData);
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress("localhost", pgPort), 2000);
      throw new AssertionError("PostgreSQL still accepts connections on " + pgPort);
    } catch (IOException refused) {
      // gone, as it should be
    }
  }

  /** On a failure before the kill (or a stop that hung), no PostgreSQL is left behind. */
  private static void killLeftovers(Path pgData) {
    try {
      ProcessHandle.of(postmasterPid(pgData))
          .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
          .ifPresent(
              p -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
              });
    } catch (IOException | RuntimeException noneLeft) {
      // no postmaster.pid: PostgreSQL never started or stopped cleanly
    }
  }

  /** The running embedded server must say it flushes every commit before answering it. */
  private static void assertDurableSettings(int pgPort) throws SQLException {
    try (Connection db =
            DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + pgPort + "/postgres", "postgres", "");
        Statement st = db.createStatement()) {
      for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
        try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
          rs.next();
          assertThat(rs.getString(1)).as(setting).isEqualTo("on");
        }
      }
    }
  }

  // postmaster.pid: line 1 the postmaster's pid, line 4 its port.
  private static long postmasterPid(Path pgData) throws IOException {
    return Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).strip());
  }

  private static int postmasterPort(Path pgData) throws IOException {
    return Integer.parseInt(Files.readAllLines(pgData.resolve("postmaster.pid")).get(3).strip());
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
