package dev.parley.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.bootstrap.cluster.ChaosClient.Ack;
import dev.parley.bootstrap.cluster.ChaosClient.AckEvent;
import dev.parley.bootstrap.cluster.ChaosClient.Received;
import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** No acknowledged message lost or delivered twice through Redis, PostgreSQL and node faults. */
class ChaosIT {
  private static final int NODES = 3;
  private static final int CLIENTS = 12;

  /** Acknowledged sends each client must have before a fault and again after recovery. */
  private static final int ACKS = 5;

  /** Each client sends a message this long after the previous one was acknowledged. */
  private static final Duration INTERVAL = Duration.ofMillis(250);

  /** Bound of every wait: generous, the machine is shared and loaded. */
  private static final Duration STEP = Duration.ofSeconds(60);

  /** Totals over all clients, taken before and after a phase. */
  private record Counts(
      long acked,
      long resends,
      long errors,
      long duplicateAcks,
      long reconnects,
      long replayed,
      long fetched,
      long resyncs) {
    static Counts of(List<ChaosClient> clients) {
      Function<Function<ChaosClient, Number>, Long> sum =
          f -> clients.stream().mapToLong(c -> f.apply(c).longValue()).sum();
      return new Counts(
          sum.apply(c -> c.acked.size()),
          sum.apply(c -> c.resends.get()),
          sum.apply(c -> c.sendErrors.get()),
          sum.apply(c -> c.duplicateAcks.get()),
          sum.apply(c -> c.reconnects.get()),
          sum.apply(c -> c.replayed.get()),
          sum.apply(c -> c.restFetched.get()),
          sum.apply(c -> c.resyncs.get()));
    }

    Counts minus(Counts o) {
      return new Counts(
          acked - o.acked,
          resends - o.resends,
          errors - o.errors,
          duplicateAcks - o.duplicateAcks,
          reconnects - o.reconnects,
          replayed - o.replayed,
          fetched - o.fetched,
          resyncs - o.resyncs);
    }
  }

  /** How long after a fault a client had a send acknowledged and heard another node, in ms. */
  private record Live(long acked, long heard) {
    long both() {
      return Math.max(acked, heard);
    }
  }

  /** What one fault did. */
  private record Phase(
      String name,
      long outageMs,
      long detectMs,
      List<Live> live,
      int affected,
      Counts counts,
      String extra) {}

  private ChaosCluster cluster;
  private List<ChaosClient> clients;
  private Session owner;
  private long serverId;
  private long[] channels;
  private final Map<String, Ack> markers = new LinkedHashMap<>();

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void noAcknowledgedMessageIsLostOrDeliveredTwiceThroughEveryFault() throws Exception {
    long started = System.nanoTime();
    String loadBefore = loadAverage();
    Path work = Path.of("target/chaos/run-" + System.currentTimeMillis()).toAbsolutePath();
    List<Phase> phases = new ArrayList<>();
    Map<String, Object> result;
    List<Thread> threads = new ArrayList<>();
    try (ChaosCluster c = new ChaosCluster(work)) {
      cluster = c;
      cluster.startNodes(NODES);
      long startup = System.nanoTime();
      setUp();
      for (ChaosClient client : clients) {
        Thread thread = new Thread(client, "chaos-client-" + client.index);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
      }
      try {
        await("every client connected").atMost(STEP).until(() -> all(ChaosClient::connected));
        phases.add(redisRestart());
        phases.add(postgresCrash());
        phases.add(nodeKill());
      } finally {
        clients.forEach(ChaosClient::stop);
        for (Thread thread : threads) {
          thread.join(TimeUnit.SECONDS.toMillis(30));
        }
      }
      result = verify();
      report(phases, result, loadBefore, started, startup);
    }
    for (ChaosClient client : clients) {
      assertThat(client.failure).as("client " + client.index + " crashed").isNull();
    }
    assertThat(result.get("acked lost")).as("acknowledged messages lost").isEqualTo(0L);
    assertThat(result.get("stored twice")).as("nonces stored twice").isEqualTo(0L);
    assertThat(result.get("seq holes")).as("holes in a channel's seq").isEqualTo(0L);
    assertThat(result.get("duplicates")).as("messages delivered twice to a client").isEqualTo(0L);
    assertThat(result.get("conflicts")).as("one seq seen with two ids").isEqualTo(0L);
    assertThat(result.get("ack mismatches")).as("one nonce acknowledged two ways").isEqualTo(0L);
    assertThat(result.get("view mismatches"))
        .as("client views differing from history")
        .isEqualTo(0L);
    assertThat(result.get("unacknowledged")).as("sends never acknowledged").isEqualTo(0L);
    cluster.deleteDatabaseFiles();
  }

  private void setUp() {
    ChaosCluster.Node first = cluster.nodes().get(0);
    owner = first.api.newUser("chaos");
    Fixtures fx = new Fixtures(first.api);
    serverId = fx.server(owner, "Chaos");
    channels =
        new long[] {
          fx.channel(owner, serverId, "one", "TEXT"), fx.channel(owner, serverId, "two", "TEXT")
        };
    clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      ChaosCluster.Node node = cluster.nodes().get(i % NODES);
      Session user = i == 0 ? owner : node.api.newUser("chaos");
      if (i > 0) {
        fx.member(owner, serverId, user);
      }
      clients.add(
          new ChaosClient(i, user, serverId, channels, cluster.nodes(), i % NODES, INTERVAL));
    }
  }

  /** (b) Redis stopped under traffic, then started again, empty, on the same port. */
  private Phase redisRestart() {
    Counts before = Counts.of(clients);
    List<Integer> fetchedBefore = clients.stream().map(c -> c.restFetched.get()).toList();
    send();
    long down = System.nanoTime();
    cluster.redis.down();
    awaitHealth("200 DEGRADED");
    long degraded = System.nanoTime();
    // Traffic during the outage: each node delivers its own clients' messages, nothing crosses.
    awaitAcks(degraded);
    long up = System.nanoTime();
    cluster.redis.up();
    awaitHealth("200 UP");
    List<Live> live = awaitLive(up, Set.of());
    awaitAcks(up);
    quiesce("redis");
    List<Integer> missed = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      missed.add(clients.get(i).restFetched.get() - fetchedBefore.get(i));
    }
    return new Phase(
        "Redis stopped and restarted",
        ms(up - down),
        ms(degraded - down),
        live,
        CLIENTS,
        Counts.of(clients).minus(before),
        "; missed live per client " + missed);
  }

  /** (c) PostgreSQL crashed (immediate shutdown) under traffic, then started again. */
  private Phase postgresCrash() throws Exception {
    Counts before = Counts.of(clients);
    List<Integer> refusedBefore = clients.stream().map(c -> c.sendErrors.get()).toList();
    send();
    long down = System.nanoTime();
    long crashed = cluster.crashPostgres();
    awaitHealth("503 DOWN");
    long detected = System.nanoTime();
    // Every client has had a send refused (and keeps resending it with the same nonce).
    await("every client refused while PostgreSQL is down")
        .atMost(STEP)
        .until(() -> all(c -> c.lastErrorAt > down));
    long restart = System.nanoTime();
    cluster.startPostgres();
    long up = System.nanoTime();
    awaitHealth("200 UP");
    List<Live> live = awaitLive(up, Set.of());
    awaitAcks(up);
    quiesce("postgres");
    return new Phase(
        "PostgreSQL crashed and restarted",
        ms(up - down),
        ms(detected - down),
        live,
        CLIENTS,
        Counts.of(clients).minus(before),
        String.format(
            Locale.ROOT,
            "; the postmaster was gone %d ms after the SIGQUIT, PostgreSQL's start took %d ms;"
                + " refused per client %s",
            ms(crashed - down),
            ms(up - restart),
            IntStream.range(0, CLIENTS)
                .mapToObj(i -> clients.get(i).sendErrors.get() - refusedBefore.get(i))
                .toList()));
  }

  /** (a) One node killed with SIGKILL; its clients move to the other two and resume. */
  private Phase nodeKill() throws Exception {
    Counts before = Counts.of(clients);
    send();
    ChaosCluster.Node victim = cluster.nodes().get(NODES - 1);
    Set<ChaosClient> moved = new HashSet<>();
    for (ChaosClient client : clients) {
      if (client.node() == victim.index) {
        moved.add(client);
      }
    }
    long kill = System.nanoTime();
    cluster.kill(victim);
    List<Live> live = awaitLive(kill, moved);
    awaitAcks(kill);
    assertThat(moved).allSatisfy(c -> assertThat(c.node()).isNotEqualTo(victim.index));
    quiesce("kill");
    List<Live> movedLive = new ArrayList<>();
    long resumed = 0;
    for (int i = 0; i < clients.size(); i++) {
      if (moved.contains(clients.get(i))) {
        movedLive.add(live.get(i));
        resumed = Math.max(resumed, ms(clients.get(i).lastResumedAt - kill));
      }
    }
    return new Phase(
        "node killed (SIGKILL)",
        0,
        0,
        movedLive,
        moved.size(),
        Counts.of(clients).minus(before),
        "; every moved client had resumed on another node within " + resumed + " ms");
  }

  /** True when every client satisfies {@code test}; fails at once if a client thread died. */
  private boolean all(Predicate<ChaosClient> test) {
    for (ChaosClient client : clients) {
      if (client.failure != null) {
        throw new AssertionError("client " + client.index + " crashed", client.failure);
      }
    }
    return clients.stream().allMatch(test);
  }

  private void send() {
    long since = System.nanoTime();
    clients.forEach(c -> c.sending = true);
    awaitAcks(since);
  }

  private void awaitAcks(long since) {
    await(ACKS + " acknowledged sends per client")
        .atMost(STEP)
        .until(() -> all(c -> c.acksAfter(since) >= ACKS));
  }

  private void awaitHealth(String status) {
    for (ChaosCluster.Node node : cluster.nodes()) {
      if (node.alive()) {
        await("node " + node.index + " " + status)
            .atMost(STEP)
            .pollInterval(Duration.ofMillis(100))
            .until(() -> status.equals(ChaosCluster.health(node)));
      }
    }
  }

  /**
   * Waits until every client is live again after {@code trigger} and returns, per client, how long
   * that took in ms. Live: a send acknowledged after the trigger (for a client whose node died, on
   * a connection opened after it) and a message sent after the trigger by a client on another node
   * received over its socket.
   */
  private List<Live> awaitLive(long trigger, Set<ChaosClient> moved) {
    await("every client live again")
        .atMost(STEP)
        .until(() -> all(c -> liveAgain(c, trigger, moved).isPresent()));
    return clients.stream().map(c -> liveAgain(c, trigger, moved).orElseThrow()).toList();
  }

  private static Optional<Live> liveAgain(ChaosClient c, long trigger, Set<ChaosClient> moved) {
    boolean newConnection = moved.contains(c);
    OptionalLong acked =
        c.acks.stream()
            .filter(a -> a.at() > trigger && (!newConnection || a.connectionOpened() > trigger))
            .mapToLong(AckEvent::at)
            .min();
    OptionalLong heard =
        c.received.stream()
            .filter(
                r -> r.at() > trigger && r.firstSent() > trigger && r.originNode() != r.viaNode())
            .mapToLong(Received::at)
            .min();
    if (acked.isEmpty() || heard.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Live(ms(acked.getAsLong() - trigger), ms(heard.getAsLong() - trigger)));
  }

  /**
   * Ends a phase: sending stops, every outstanding send is acknowledged, then one marker per
   * channel (over REST) must reach every client live; what a client still misses below the marker
   * is what live delivery dropped, and it fetches that over REST ({@code after_seq}).
   */
  private void quiesce(String phase) {
    clients.forEach(c -> c.sending = false);
    await("every send of the " + phase + " phase acknowledged")
        .atMost(STEP)
        .until(() -> all(ChaosClient::idle));
    ChaosCluster.Node via = cluster.nodes().get(0);
    Map<Long, Long> markerSeq = new HashMap<>();
    for (long channel : channels) {
      String nonce = "marker-" + phase + "-" + channel;
      Api.Response r =
          via.api.post(
              "/chat/servers/" + serverId + "/channels/" + channel + "/messages",
              "{\"text\":\"marker " + phase + "\",\"nonce\":\"" + nonce + "\"}",
              owner.token());
      assertThat(r.status()).as("marker " + r).isEqualTo(201);
      long seq = r.json().get("seq").getLongValue();
      markers.put(nonce, new Ack(channel, r.json().get("id").getLongValue(), seq));
      markerSeq.put(channel, seq);
    }
    await("every client received the " + phase + " markers")
        .atMost(STEP)
        .until(
            () ->
                all(
                    c ->
                        markerSeq.entrySet().stream()
                            .allMatch(e -> c.maxSeq(e.getKey()) >= e.getValue())));
    for (ChaosClient client : clients) {
      for (long channel : channels) {
        long upTo = markerSeq.get(channel);
        client.fillHoles(via.api, channel, upTo);
        assertThat(client.view(channel).keySet())
            .as("client " + client.index + " channel " + channel + " after " + phase)
            .containsAll(LongStream.rangeClosed(1, upTo).boxed().toList());
      }
    }
  }

  /** Compares what clients were told and hold with what PostgreSQL stored. */
  private Map<String, Object> verify() throws Exception {
    Map<Long, TreeMap<Long, Long>> stored = new HashMap<>();
    Map<String, List<Ack>> byNonce = new HashMap<>();
    try (Connection db = DriverManager.getConnection(cluster.jdbcUrl(), "postgres", "");
        Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT channel_id, seq, id, nonce FROM messages WHERE channel_id IN ("
                    + channels[0]
                    + ","
                    + channels[1]
                    + ")")) {
      while (rs.next()) {
        Ack row = new Ack(rs.getLong(1), rs.getLong(3), rs.getLong(2));
        stored.computeIfAbsent(row.channel(), k -> new TreeMap<>()).put(row.seq(), row.id());
        byNonce.computeIfAbsent(rs.getString(4), k -> new ArrayList<>()).add(row);
      }
    }
    Map<String, Ack> acked = new HashMap<>(markers);
    clients.forEach(c -> acked.putAll(c.acked));
    long lost =
        acked.entrySet().stream()
            .filter(e -> !List.of(e.getValue()).equals(byNonce.get(e.getKey())))
            .count();
    long storedTwice = byNonce.values().stream().filter(rows -> rows.size() > 1).count();
    long unacknowledged =
        byNonce.keySet().stream().filter(nonce -> !acked.containsKey(nonce)).count();
    long holes = 0;
    for (long channel : channels) {
      TreeMap<Long, Long> seqs = stored.getOrDefault(channel, new TreeMap<>());
      holes += seqs.isEmpty() ? 0 : seqs.lastKey() - seqs.size();
    }
    long viewMismatches = 0;
    for (ChaosClient client : clients) {
      for (long channel : channels) {
        if (!client.view(channel).equals(stored.get(channel))) {
          viewMismatches++;
          client.problems.add("view of channel " + channel + " differs from history");
        }
      }
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("messages stored", stored.values().stream().mapToLong(Map::size).sum());
    r.put("acknowledged", (long) acked.size());
    r.put("acked lost", lost);
    r.put("stored twice", storedTwice);
    r.put("unacknowledged", unacknowledged);
    r.put("seq holes", holes);
    r.put("duplicates", sum(c -> c.duplicates.get()));
    r.put("conflicts", sum(c -> c.conflicts.get()));
    r.put("late (after a higher seq) from another node", sum(c -> c.lateCrossNode.get()));
    r.put("late from the same node", sum(c -> c.lateLocal.get()));
    r.put("ack mismatches", sum(c -> c.ackMismatches.get()));
    r.put("view mismatches", viewMismatches);
    return r;
  }

  private long sum(Function<ChaosClient, Integer> f) {
    return clients.stream().mapToLong(c -> f.apply(c)).sum();
  }

  private void report(
      List<Phase> phases,
      Map<String, Object> result,
      String loadBefore,
      long started,
      long startup) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "CHAOS run: %d nodes (%s), %d clients, %d channels, synchronous_commit %s, %d cores; load average before %s, after %s;"
                + " total %.1f s (cluster start %.1f s)%n",
            NODES,
            cluster.launch(),
            CLIENTS,
            channels.length,
            ChaosCluster.synchronousCommit(),
            Runtime.getRuntime().availableProcessors(),
            loadBefore,
            loadAverage(),
            (System.nanoTime() - started) / 1e9,
            (startup - started) / 1e9));
    for (Phase p : phases) {
      out.append(
          String.format(
              Locale.ROOT,
              "CHAOS phase '%s': %slive again after the %s for %d clients: %s (sends acknowledged"
                  + " again %s, first message from another node %s); acked %d, resends %d, refused"
                  + " %d, duplicate acks %d, reconnects %d, replayed on resume %d, resyncs %d,"
                  + " missed live (fetched over REST) %d%s%n",
              p.name(),
              p.outageMs() == 0
                  ? ""
                  : "outage "
                      + p.outageMs()
                      + " ms (/health saw it after "
                      + p.detectMs()
                      + " ms); ",
              p.outageMs() == 0 ? "kill" : "restart",
              p.affected(),
              spread(p.live().stream().map(Live::both).toList()),
              spread(p.live().stream().map(Live::acked).toList()),
              spread(p.live().stream().map(Live::heard).toList()),
              p.counts().acked(),
              p.counts().resends(),
              p.counts().errors(),
              p.counts().duplicateAcks(),
              p.counts().reconnects(),
              p.counts().replayed(),
              p.counts().resyncs(),
              p.counts().fetched(),
              p.extra()));
    }
    out.append("CHAOS result: ")
        .append(
            result.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")))
        .append('\n');
    for (ChaosClient client : clients) {
      synchronized (client.problems) {
        client.problems.stream()
            .limit(20)
            .forEach(
                p ->
                    out.append("CHAOS client ")
                        .append(client.index)
                        .append(": ")
                        .append(p)
                        .append('\n'));
      }
    }
    System.out.print(out);
  }

  /** "median X ms, max Y ms". */
  private static String spread(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return "median "
        + sorted.get(sorted.size() / 2)
        + " ms, max "
        + sorted.get(sorted.size() - 1)
        + " ms";
  }

  private static long ms(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (Exception e) {
      return "unknown";
    }
  }
}
