package dev.parley.bootstrap.cluster;

import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** One chat user of the chaos test, on its own thread, following docs/reliability.md's recipe. */
final class ChaosClient implements Runnable {
  /** How long an unanswered send waits before it is resent (same nonce). */
  private static final long ACK_TIMEOUT = TimeUnit.SECONDS.toNanos(5);

  /** Pause before resending a send the server refused (e.g. database unavailable). */
  private static final long RETRY_AFTER_ERROR = TimeUnit.MILLISECONDS.toNanos(300);

  /** Upper bound on messages per client for the whole run, so the loop is bounded in count. */
  private static final int MAX_MESSAGES = 3000;

  /** What the server acknowledged for a nonce. */
  record Ack(long channel, long id, long seq) {}

  /** A message received over a socket: when, and who sent it from which node, and when. */
  record Received(long at, int originNode, long firstSent, int viaNode) {}

  /** An acknowledgement's arrival, and when the connection it came on was opened. */
  record AckEvent(long at, long connectionOpened) {}

  /** The send waiting for its acknowledgement. */
  private static final class Pending {
    final String nonce;
    final long channel;
    final String text;
    long retryAt;

    Pending(String nonce, long channel, String text, long retryAt) {
      this.nonce = nonce;
      this.channel = channel;
      this.text = text;
      this.retryAt = retryAt;
    }
  }

  final int index;
  final Session user;
  private final long serverId;
  private final long[] channels;
  private final List<ChaosCluster.Node> nodes;
  private final long interval;

  private volatile WsClient ws;
  private volatile int node;
  private volatile long connectionOpened;
  private Map<Long, Long> lastSeqOnConnection = new HashMap<>();
  private Pending pending;
  private volatile String pendingNonce;
  private long nextSendAt;
  private int sent;

  volatile boolean sending;
  private volatile boolean stopped;
  private final CountDownLatch stop = new CountDownLatch(1);
  volatile Throwable failure;

  /** Every nonce the server acknowledged, with what it answered first. */
  final Map<String, Ack> acked = new ConcurrentHashMap<>();

  /** Per channel, seq to message id, as delivered over a socket (live or replayed). */
  final Map<Long, Map<Long, Long>> delivered = new ConcurrentHashMap<>();

  /** Per channel, seq to message id, fetched over REST because no socket delivered it. */
  final Map<Long, Map<Long, Long>> fetched = new ConcurrentHashMap<>();

  private final Set<Long> socketIds = ConcurrentHashMap.newKeySet();
  final Queue<Received> received = new ConcurrentLinkedQueue<>();
  final Queue<AckEvent> acks = new ConcurrentLinkedQueue<>();
  final List<String> problems = Collections.synchronizedList(new ArrayList<>());

  final AtomicInteger duplicates = new AtomicInteger();
  final AtomicInteger conflicts = new AtomicInteger();

  /** Messages from another node that arrived after a higher seq of their channel, same socket. */
  final AtomicInteger lateCrossNode = new AtomicInteger();

  /** The same, for messages sent on the receiver's own node (overtaken by another node's). */
  final AtomicInteger lateLocal = new AtomicInteger();

  final AtomicInteger ackMismatches = new AtomicInteger();
  final AtomicInteger duplicateAcks = new AtomicInteger();
  final AtomicInteger resends = new AtomicInteger();
  final AtomicInteger sendErrors = new AtomicInteger();
  final AtomicInteger reconnects = new AtomicInteger();
  final AtomicInteger replayed = new AtomicInteger();
  final AtomicInteger resyncs = new AtomicInteger();
  final AtomicInteger restFetched = new AtomicInteger();
  volatile long lastErrorAt;
  volatile long lastResumedAt;

  ChaosClient(
      int index,
      Session user,
      long serverId,
      long[] channels,
      List<ChaosCluster.Node> nodes,
      int node,
      Duration interval) {
    this.index = index;
    this.user = user;
    this.serverId = serverId;
    this.channels = channels;
    this.nodes = nodes;
    this.node = node;
    this.interval = interval.toNanos();
    for (long channel : channels) {
      delivered.put(channel, new ConcurrentSkipListMap<>());
      fetched.put(channel, new ConcurrentSkipListMap<>());
    }
  }

  int node() {
    return node;
  }

  boolean idle() {
    return pendingNonce == null;
  }

  boolean connected() {
    return ws != null && !ws.isClosed();
  }

  void stop() {
    stopped = true;
    stop.countDown();
  }

  /** Highest seq this client holds for {@code channel}, however it got it. */
  long maxSeq(long channel) {
    long max = 0;
    for (Map<Long, Map<Long, Long>> view : List.of(delivered, fetched)) {
      Map<Long, Long> seqs = view.get(channel);
      if (!seqs.isEmpty()) {
        max = Math.max(max, ((ConcurrentSkipListMap<Long, Long>) seqs).lastKey());
      }
    }
    return max;
  }

  /** Seq to id for {@code channel}: socket deliveries plus REST fills. */
  Map<Long, Long> view(long channel) {
    Map<Long, Long> all = new HashMap<>(fetched.get(channel));
    all.putAll(delivered.get(channel));
    return all;
  }

  /** Acknowledgements received after {@code since}. */
  long acksAfter(long since) {
    return acks.stream().filter(a -> a.at() > since).count();
  }

  @Override
  public void run() {
    try {
      while (!stopped) {
        if (ws == null || ws.isClosed()) {
          if (!reconnect()) {
            // Every node refused: wait a little (or for the stop) before the next round.
            stop.await(200, TimeUnit.MILLISECONDS);
          }
          continue;
        }
        long now = System.nanoTime();
        if (pending == null && sending && now >= nextSendAt && sent < MAX_MESSAGES) {
          sendNew(now);
        } else if (pending != null && now >= pending.retryAt) {
          resends.incrementAndGet();
          transmit(now);
        }
        long wake = pending != null ? pending.retryAt : sending ? nextSendAt : now + 50_000_000L;
        long wait = Math.max(1_000_000L, Math.min(wake - now, 50_000_000L));
        JsonNode frame = ws.next(Duration.ofNanos(wait));
        if (frame != null) {
          handle(frame);
        }
      }
    } catch (Throwable t) {
      failure = t;
    } finally {
      if (ws != null) {
        ws.close();
      }
    }
  }

  private void sendNew(long now) {
    sent++;
    long channel = channels[sent % channels.length];
    // Origin node and first-send time travel in the text: receivers use them to time recovery.
    String text = "c" + index + " n" + node + " t" + now + " k" + sent;
    pending = new Pending("c" + index + "-" + sent, channel, text, now);
    pendingNonce = pending.nonce;
    transmit(now);
  }

  private void transmit(long now) {
    pending.retryAt = now + ACK_TIMEOUT;
    try {
      ws.send(
          "{\"type\":\"send_message\",\"channelId\":"
              + pending.channel
              + ",\"text\":"
              + Api.json(pending.text)
              + ",\"nonce\":\""
              + pending.nonce
              + "\"}");
    } catch (RuntimeException socketGone) {
      // The node went away under us; the next loop reconnects and resends.
      pending.retryAt = now;
      abandon();
    }
  }

  private void abandon() {
    if (ws != null) {
      // Frames that arrived before the drop still count: acks on the wire were sent after commit.
      drain(ws);
      ws.close();
      ws = null;
    }
  }

  private void drain(WsClient old) {
    JsonNode frame;
    while ((frame = old.next(Duration.ZERO)) != null) {
      handle(frame);
    }
  }

  private void handle(JsonNode frame) {
    String type = frame.get("type").getStringValue();
    long now = System.nanoTime();
    switch (type) {
      case "new_message" -> onMessage(frame, now);
      case "message_ack" -> onAck(frame, now);
      case "error" -> onError(frame, now);
      case "resync" -> {
        // A gap too large to replay: page it over REST, as the protocol asks.
        resyncs.incrementAndGet();
        long channel = frame.get("channelId").getLongValue();
        fillHoles(nodes.get(node).api, channel, frame.get("lastSeq").getLongValue());
      }
      case "resumed" -> {
        lastResumedAt = now;
        JsonNode states = frame.get("channels");
        for (int i = 0; i < states.size(); i++) {
          replayed.addAndGet(states.get(i).get("replayed").getIntValue());
        }
      }
      default -> {
        // connected, presence, membership and other events do not matter here
      }
    }
  }

  private void onMessage(JsonNode frame, long now) {
    long channel = frame.get("channelId").getLongValue();
    long seq = frame.get("seq").getLongValue();
    long id = frame.get("id").getLongValue();
    if (!delivered.containsKey(channel)) {
      return;
    }
    if (!socketIds.add(id)) {
      duplicates.incrementAndGet();
      problems.add("message " + id + " (seq " + seq + ") delivered twice");
      return;
    }
    String[] parts = frame.get("text").getStringValue().split(" ");
    boolean ours = parts.length == 4 && parts[1].startsWith("n") && parts[2].startsWith("t");
    int origin = ours ? Integer.parseInt(parts[1].substring(1)) : -1;
    Long highest = lastSeqOnConnection.get(channel);
    if (highest != null && seq < highest) {
      // Across nodes the order is only what seq says (docs/scaling.md): counted, not a failure.
      (origin == node ? lateLocal : lateCrossNode).incrementAndGet();
    } else {
      lastSeqOnConnection.put(channel, seq);
    }
    Long other = delivered.get(channel).putIfAbsent(seq, id);
    if (other != null && other != id) {
      conflicts.incrementAndGet();
      problems.add("seq " + seq + " of channel " + channel + " is " + id + " and " + other);
    }
    if (ours) {
      received.add(new Received(now, origin, Long.parseLong(parts[2].substring(1)), node));
    }
  }

  private void onAck(JsonNode frame, long now) {
    String nonce = frame.get("nonce").getStringValue();
    Ack ack =
        new Ack(
            frame.get("channelId").getLongValue(),
            frame.get("id").getLongValue(),
            frame.get("seq").getLongValue());
    if (frame.get("duplicate").getBooleanValue()) {
      duplicateAcks.incrementAndGet();
    }
    Ack first = acked.putIfAbsent(nonce, ack);
    if (first != null && !first.equals(ack)) {
      ackMismatches.incrementAndGet();
      problems.add("nonce " + nonce + " acknowledged as " + first + " and as " + ack);
    }
    if (pending != null && nonce.equals(pending.nonce)) {
      acks.add(new AckEvent(now, connectionOpened));
      pending = null;
      pendingNonce = null;
      nextSendAt = now + interval;
    }
  }

  private void onError(JsonNode frame, long now) {
    JsonNode nonce = frame.get("nonce");
    if (pending != null && nonce != null && pending.nonce.equals(nonce.getStringValue())) {
      sendErrors.incrementAndGet();
      lastErrorAt = now;
      pending.retryAt = now + RETRY_AFTER_ERROR;
    } else {
      problems.add("error " + Api.json(frame));
    }
  }

  /**
   * Opens a socket on the first node that takes it, trying the other nodes before the current one
   * (it is the one most likely gone), fills any holes over REST so that the resume point has
   * nothing missing below it, then resumes.
   */
  private boolean reconnect() {
    boolean first = connectionOpened == 0;
    abandon();
    int count = nodes.size();
    for (int attempt = 0; attempt < count; attempt++) {
      int candidate = first ? node : (node + 1 + (index + attempt) % (count - 1)) % count;
      if (attempt == count - 1 && !first) {
        candidate = node;
      }
      ChaosCluster.Node target = nodes.get(candidate);
      WsClient socket;
      try {
        socket = WsClient.connect(target.api.base(), "/chat/ws?resume=1&token=" + user.token());
      } catch (RuntimeException refused) {
        continue;
      }
      try {
        JsonNode hello = socket.next(WsClient.WAIT);
        if (hello == null || !"connected".equals(hello.get("type").getStringValue())) {
          socket.close();
          continue;
        }
        StringBuilder cursors = new StringBuilder();
        for (long channel : channels) {
          fillHoles(target.api, channel, maxSeq(channel));
          cursors.append(cursors.isEmpty() ? "" : ",");
          cursors.append('"').append(channel).append("\":").append(maxSeq(channel));
        }
        socket.send("{\"type\":\"resume\",\"channels\":{" + cursors + "}}");
      } catch (RuntimeException failed) {
        socket.close();
        continue;
      }
      ws = socket;
      node = candidate;
      connectionOpened = System.nanoTime();
      lastSeqOnConnection = new HashMap<>();
      if (!first) {
        reconnects.incrementAndGet();
      }
      if (pending != null) {
        // Unacknowledged: resend with the same nonce, right after the resume frame.
        pending.retryAt = connectionOpened;
      }
      return true;
    }
    return false;
  }

  /**
   * Fetches over REST ({@code after_seq} pages) every seq up to {@code upTo} this client does not
   * hold; returns how many it fetched. Throws when the node does not answer.
   */
  int fillHoles(Api api, long channel, long upTo) {
    Map<Long, Long> have = view(channel);
    long after = 0;
    while (after < upTo && have.containsKey(after + 1)) {
      after++;
    }
    int count = 0;
    while (after < upTo) {
      Api.Response page =
          api.get(
              "/chat/servers/"
                  + serverId
                  + "/channels/"
                  + channel
                  + "/messages?limit=100&after_seq="
                  + after,
              user.token());
      if (page.status() != 200) {
        throw new IllegalStateException("history page: " + page);
      }
      JsonNode list = page.json();
      if (list.size() == 0) {
        break;
      }
      for (int i = 0; i < list.size(); i++) {
        JsonNode m = list.get(i);
        long seq = m.get("seq").getLongValue();
        after = Math.max(after, seq);
        if (seq <= upTo && !have.containsKey(seq)) {
          fetched.get(channel).put(seq, m.get("id").getLongValue());
          count++;
        }
      }
    }
    restFetched.addAndGet(count);
    return count;
  }
}
