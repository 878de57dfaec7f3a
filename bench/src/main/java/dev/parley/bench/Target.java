package dev.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A chat server under test, driven through its own protocol: Parley, or one of the peers in {@code
 * bench/peer} and {@code bench/peers}. The scenarios see rooms, sockets in a room, acks of a
 * socket's own messages and history pages; each subclass maps them to its server's frames.
 *
 * <p>Every message carries its send time twice, as the scenarios have always done: in the text
 * ({@code ~T<nanoTime>~}, read back from any delivered copy) and in the nonce ({@code
 * T<nanoTime>_<n>}, read back from the ack).
 */
abstract class Target {
  /** What a socket reports. Called on the socket's receiving thread, one frame at a time. */
  interface Listener {
    /** The server confirmed one of this socket's messages (persisted, for the persisting ones). */
    default void ack(long sentNanos) {}

    /** A message of the room arrived, carrying its send time. */
    default void message(long sentNanos) {}

    /** An error frame. */
    default void error(String frame) {}
  }

  static final Listener NONE = new Listener() {};

  /** One open socket in one room. */
  interface Conn {
    /** Sends a message; blocks until it is handed to the socket. One sending thread at a time. */
    void send(String text, String nonce);

    void close();
  }

  /** A history reader: one page of the room's newest messages per call, blocking. */
  interface Reader {
    /** Fetches one page; returns how many of the seeded messages it held. */
    int fetch() throws Exception;

    default void close() {}
  }

  /** A room (channel) whose accounts exist: an owner and some members. */
  interface Room {
    /** Connects the owner (the one who sends) and waits until it can send. */
    Conn owner(Listener listener);

    /** Connects every member and waits until each can receive (bounded by a timeout). */
    List<Conn> members(IntFunction<Listener> listeners);

    /** A reader of the room's history (its own connection or session). */
    Reader reader();
  }

  final Bench bench;

  Target(Bench bench) {
    this.bench = bench;
  }

  /** The name in tables and in the targets= list. */
  abstract String name();

  /** A new room with an owner and {@code members} other members, accounts made. */
  abstract Room room(String name, int members);

  /** The database whose commit counter counts this target's statements, or null. */
  String database() {
    return null;
  }

  /** The server's process id, for its CPU time ({@code <name>_pid=}), or -1. */
  long pid() {
    String pid = bench.get(name() + "_pid", "");
    return pid.isBlank() ? -1 : Long.parseLong(pid.trim());
  }

  /** Whether messages are acked (after they are persisted). The Node ws peer does neither. */
  boolean acks() {
    return true;
  }

  /** Whether it serves history. */
  boolean history() {
    return true;
  }

  static Target of(String name, Bench bench) {
    return switch (name) {
      case "parley" -> new ParleyTarget(bench);
      case "ws", "peer" -> new WsPeerTarget(bench);
      case "socketio" -> new SocketIoTarget(bench);
      case "fastapi" -> new FastApiTarget(bench);
      case "ejabberd" -> new EjabberdTarget(bench);
      default -> throw new IllegalArgumentException("unknown target " + name);
    };
  }

  /**
   * The targets of a scenario: {@code targets=} when given, else Parley followed by {@code peers=}
   * (default {@code dfltPeers}).
   */
  static List<Target> list(Bench bench, String dfltPeers) {
    String names = bench.get("targets", null);
    if (names == null) {
      String peers = bench.get("peers", dfltPeers);
      names = peers.isBlank() ? "parley" : "parley," + peers;
    }
    List<Target> list = new ArrayList<>();
    for (String n : names.split(",")) {
      if (!n.isBlank()) {
        list.add(of(n.trim(), bench));
      }
    }
    return list;
  }

  /** Room and user names every server accepts (XMPP local parts included): [a-z0-9_]. */
  static String safe(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }

  /** The send time in a nonce {@code "nonce": "T<nanos>_<n>"} (any spacing), or -1. */
  static long nonceTime(String frame) {
    int i = frame.indexOf("\"nonce\"");
    if (i < 0) {
      return -1;
    }
    i += 7;
    while (i < frame.length() && (frame.charAt(i) == ':' || frame.charAt(i) == ' ')) {
      i++;
    }
    if (i + 1 >= frame.length() || frame.charAt(i) != '"' || frame.charAt(i + 1) != 'T') {
      return -1;
    }
    return Bench.number(frame, frame.substring(i, i + 2));
  }

  /**
   * Opens many connections, at most {@code inFlight} at a time, each opener tried up to three
   * times; returns those that became ready within the timeout.
   */
  static <C extends Conn> List<C> connectAll(
      List<Supplier<CompletableFuture<C>>> openers, int inFlight, long timeoutSeconds) {
    Semaphore permits = new Semaphore(inFlight);
    List<CompletableFuture<C>> futures = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    for (Supplier<CompletableFuture<C>> opener : openers) {
      try {
        if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      CompletableFuture<C> f = retry(opener, 3);
      f.whenComplete((c, e) -> permits.release());
      futures.add(f);
    }
    List<C> open = new ArrayList<>();
    int failed = openers.size() - futures.size();
    Throwable first = null;
    for (CompletableFuture<C> f : futures) {
      try {
        open.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (Exception e) {
        failed++;
        first = first == null ? e : first;
        f.thenAccept(Conn::close);
      }
    }
    if (failed > 0) {
      Bench.log("%d of %d connections not ready: %s", failed, openers.size(), first);
    }
    return open;
  }

  private static <C> CompletableFuture<C> retry(Supplier<CompletableFuture<C>> opener, int tries) {
    return opener
        .get()
        .handle(
            (c, e) -> {
              if (e == null) {
                return CompletableFuture.completedFuture(c);
              }
              if (tries <= 1) {
                return CompletableFuture.<C>failedFuture(e);
              }
              Bench.sleep(200);
              return retry(opener, tries - 1);
            })
        .thenCompose(f -> f);
  }

  /** Connects one socket and fails if it is not ready in time. */
  static <C extends Conn> C connectOne(Supplier<CompletableFuture<C>> opener) {
    List<C> one = connectAll(List.of(opener), 1, 60);
    if (one.isEmpty()) {
      throw new IllegalStateException("connection not ready");
    }
    return one.get(0);
  }

  /**
   * A WebSocket connection that is ready once the subclass says so (after its handshake frames);
   * frames go to {@link #onFrame}, one at a time.
   */
  abstract static class SocketConn implements Conn {
    final Listener listener;
    final CompletableFuture<SocketConn> ready = new CompletableFuture<>();
    volatile Ws ws;

    SocketConn(Listener listener) {
      this.listener = listener;
    }

    /** Opens the socket; the future completes when the connection is ready to use. */
    CompletableFuture<SocketConn> open(String url, String subprotocol) {
      Ws.open(
              url,
              subprotocol,
              (self, frame) -> {
                ws = self;
                try {
                  onFrame(frame);
                } catch (RuntimeException e) {
                  ready.completeExceptionally(e);
                  throw e;
                }
              })
          .whenComplete(
              (w, e) -> {
                if (e != null) {
                  ready.completeExceptionally(e);
                } else {
                  ws = w;
                  onOpen();
                }
              });
      return ready;
    }

    /** Called once the socket is open (before or after its first frames). */
    void onOpen() {}

    abstract void onFrame(String frame);

    @Override
    public void close() {
      Ws w = ws;
      if (w != null) {
        w.abort();
      }
    }
  }

  @SuppressWarnings("unchecked")
  static <C extends Conn> Supplier<CompletableFuture<C>> opener(
      Supplier<SocketConn> make, String url, String subprotocol) {
    return () -> (CompletableFuture<C>) (CompletableFuture<?>) make.get().open(url, subprotocol);
  }

  /** Counts occurrences of a marker in a text. */
  static int count(String text, String marker) {
    int n = 0;
    for (int i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + marker.length())) {
      n++;
    }
    return n;
  }

  /** The text of seeded history messages; readers count it in a page. */
  static final String HISTORY_TEXT = "history message number";

  /** A history reader over HTTP: GET a page (with a bearer token when given), count its rows. */
  static final class HttpReader implements Reader {
    private static final HttpClient[] CLIENTS = new HttpClient[4];
    private static final AtomicInteger NEXT = new AtomicInteger();

    static {
      for (int i = 0; i < CLIENTS.length; i++) {
        CLIENTS[i] =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newCachedThreadPool(Ws.daemon("http-" + i)))
                .build();
      }
    }

    private final HttpClient client =
        CLIENTS[Math.floorMod(NEXT.getAndIncrement(), CLIENTS.length)];
    private final HttpRequest request;

    HttpReader(String url, String token) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      request = b.build();
    }

    @Override
    public int fetch() throws Exception {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("history -> " + r.statusCode() + " " + r.body());
      }
      return count(r.body(), HISTORY_TEXT);
    }
  }
}
