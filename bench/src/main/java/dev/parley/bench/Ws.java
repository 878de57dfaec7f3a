package dev.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** One client socket on the JDK's WebSocket client; frames go to a handler, sends are serial. */
final class Ws implements WebSocket.Listener {
  private static final int CLIENTS = 4;
  private static final HttpClient[] POOL = new HttpClient[CLIENTS];
  private static final AtomicInteger NEXT = new AtomicInteger();

  static {
    for (int i = 0; i < CLIENTS; i++) {
      // Several clients spread the sockets over several selector threads.
      POOL[i] =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(30))
              .executor(Executors.newCachedThreadPool(daemon("ws-" + i)))
              .build();
    }
  }

  private final BiConsumer<Ws, String> handler;
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private StringBuilder partial;
  private CompletableFuture<?> last = CompletableFuture.completedFuture(null);
  private volatile WebSocket socket;

  private Ws(BiConsumer<Ws, String> handler) {
    this.handler = handler;
  }

  /** Opens a socket; the future fails when the upgrade fails. */
  static CompletableFuture<Ws> open(String url, Consumer<String> handler) {
    return open(url, (self, frame) -> handler.accept(frame));
  }

  /** Opens a socket whose handler also gets the socket, e.g. to answer a frame. */
  static CompletableFuture<Ws> open(String url, BiConsumer<Ws, String> handler) {
    return open(url, null, handler);
  }

  /** Opens a socket asking for a subprotocol (e.g. "xmpp", RFC 7395), or none when null. */
  static CompletableFuture<Ws> open(
      String url, String subprotocol, BiConsumer<Ws, String> handler) {
    Ws ws = new Ws(handler);
    HttpClient client = POOL[Math.floorMod(NEXT.getAndIncrement(), CLIENTS)];
    WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
    if (subprotocol != null) {
      builder.subprotocols(subprotocol);
    }
    return builder
        .buildAsync(URI.create(url), ws)
        .thenApply(
            s -> {
              ws.socket = s;
              return ws;
            });
  }

  /** Sends a text frame and waits until it is handed to the socket. */
  void send(String text) {
    enqueue(text).join();
  }

  /**
   * Queues a text frame behind the ones still being written and returns at once: safe from a frame
   * handler (e.g. a protocol's pong) while another thread sends with {@link #send}.
   */
  synchronized CompletableFuture<?> enqueue(String text) {
    CompletableFuture<?> next =
        last.handle((v, e) -> null).thenCompose(v -> socket.sendText(text, true));
    last = next;
    return next;
  }

  /** Sends a text frame without waiting (safe from a frame handler when nothing else sends). */
  void sendAsync(String text) {
    socket.sendText(text, true);
  }

  /** Closes without waiting for the peer (an abrupt client going away). */
  void abort() {
    WebSocket s = socket;
    if (s != null) {
      s.abort();
    }
  }

  void close() {
    WebSocket s = socket;
    if (s != null) {
      try {
        s.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        s.abort();
      }
    }
  }

  boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    this.socket = webSocket;
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    if (!last) {
      if (partial == null) {
        partial = new StringBuilder();
      }
      partial.append(data);
    } else if (partial != null) {
      partial.append(data);
      String text = partial.toString();
      partial = null;
      handler.accept(this, text);
    } else {
      handler.accept(this, data.toString());
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

  static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
