package dev.parley.bootstrap.support;

import io.micronaut.json.tree.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (the JDK's) that queues every JSON frame it receives. */
public final class WsClient implements WebSocket.Listener, AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** How long an await waits: generous, since it returns as soon as the frame is there. */
  public static final Duration WAIT = Duration.ofSeconds(30);

  private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
  private final StringBuilder partial = new StringBuilder();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private WebSocket socket;
  private volatile boolean keepPresence;

  private WsClient() {}

  /**
   * Keeps {@code presence_update} frames, which are otherwise dropped: everyone shares the public
   * server, so any test's connections would show up in every other socket's stream.
   */
  public WsClient keepPresence() {
    keepPresence = true;
    return this;
  }

  /** Opens a socket to {@code path} (including any query) on the server at {@code base}. */
  public static WsClient connect(URI base, String path) {
    WsClient client = new WsClient();
    URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + path);
    client.socket = HTTP.newWebSocketBuilder().buildAsync(uri, client).join();
    return client;
  }

  /** The HTTP status of a refused upgrade, or 101 when the socket opened. */
  public static int upgradeStatus(URI base, String path) {
    try (WsClient client = connect(base, path)) {
      return 101;
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw e;
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      JsonNode frame = Api.parse(partial.toString());
      if (keepPresence || !"presence_update".equals(frame.get("type").getStringValue())) {
        frames.add(frame);
      }
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.complete(-1);
  }

  public void send(String json) {
    socket.sendText(json, true).join();
  }

  /** The next frame, or null after {@code timeout}. */
  public JsonNode next(Duration timeout) {
    try {
      return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The first frame of {@code type}, skipping others; fails after {@link #WAIT}. */
  public JsonNode await(String type) {
    return await(f -> type.equals(f.get("type").getStringValue()), "a '" + type + "' frame");
  }

  /** The first frame matching {@code test}, skipping others; fails after {@link #WAIT}. */
  public JsonNode await(Predicate<JsonNode> test, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<JsonNode> skipped = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      JsonNode frame = next(Duration.ofNanos(deadline - System.nanoTime()));
      if (frame != null && test.test(frame)) {
        return frame;
      }
      if (frame != null) {
        skipped.add(frame);
      }
    }
    throw new AssertionError(
        "no " + what + " within " + WAIT + "; got " + skipped.stream().map(Api::json).toList());
  }

  /**
   * One frame for each of {@code tests}, in whatever order they arrive (events on different topics
   * have no order between them); fails after {@link #WAIT}.
   */
  @SafeVarargs
  public final List<JsonNode> awaitEach(Predicate<JsonNode>... tests) {
    JsonNode[] found = new JsonNode[tests.length];
    int missing = tests.length;
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<JsonNode> skipped = new ArrayList<>();
    while (missing > 0 && System.nanoTime() < deadline) {
      JsonNode frame = next(Duration.ofNanos(deadline - System.nanoTime()));
      if (frame == null) {
        continue;
      }
      boolean used = false;
      for (int i = 0; i < tests.length && !used; i++) {
        if (found[i] == null && tests[i].test(frame)) {
          found[i] = frame;
          missing--;
          used = true;
        }
      }
      if (!used) {
        skipped.add(frame);
      }
    }
    if (missing > 0) {
      throw new AssertionError(
          missing
              + " frame(s) missing after "
              + WAIT
              + "; got "
              + skipped.stream().map(Api::json).toList());
    }
    return List.of(found);
  }

  /** Every frame received within {@code quiet} of the previous one. */
  public List<JsonNode> drain(Duration quiet) {
    List<JsonNode> received = new ArrayList<>();
    JsonNode frame;
    while ((frame = next(quiet)) != null) {
      received.add(frame);
    }
    return received;
  }

  /** The close code sent by the server, or null if it did not close within {@link #WAIT}. */
  public Integer awaitClose() {
    try {
      return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      return null;
    }
  }

  /** The close code sent by the server, or null if it did not close within {@code wait}. */
  public Integer awaitClose(Duration wait) {
    try {
      return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      return null;
    }
  }

  public boolean isClosed() {
    return closed.isDone() || socket.isInputClosed();
  }

  @Override
  public void close() {
    if (socket != null && !socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
  }
}
