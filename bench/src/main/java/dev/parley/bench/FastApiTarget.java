package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The FastAPI + uvicorn + asyncpg peer ({@code bench/peers/fastapi-asyncpg}): one WebSocket per
 * room at {@code /ws/chat/<room>}, JSON frames {@code {"type":"message",...}} answered by {@code
 * {"type": "ack", ...}} after the INSERT and broadcast to the room; history over HTTP.
 */
final class FastApiTarget extends Target {
  FastApiTarget(Bench bench) {
    super(bench);
  }

  private String base() {
    return bench.get("fastapi", "http://127.0.0.1:8092");
  }

  @Override
  String name() {
    return "fastapi";
  }

  @Override
  String database() {
    return bench.get("fastapi_db", "parley_bench_fastapi");
  }

  @Override
  Room room(String name, int members) {
    String room = safe(name);
    String url = base().replaceFirst("^http", "ws") + "/ws/chat/" + room + "?user=";
    return new Room() {
      @Override
      public Conn owner(Listener listener) {
        return connectOne(opener(() -> new JsonConn(listener), url + room + "_o", null));
      }

      @Override
      public List<Conn> members(IntFunction<Listener> listeners) {
        List<Supplier<CompletableFuture<Conn>>> openers = new ArrayList<>();
        for (int i = 0; i < members; i++) {
          Listener l = listeners.apply(i);
          openers.add(opener(() -> new JsonConn(l), url + room + "_m" + i, null));
        }
        return connectAll(openers, 100, 120);
      }

      @Override
      public Reader reader() {
        return new HttpReader(base() + "/api/messages/" + room + "/recent?limit=50", null);
      }
    };
  }

  static final class JsonConn extends SocketConn {
    JsonConn(Listener listener) {
      super(listener);
    }

    @Override
    void onFrame(String frame) {
      // json.dumps writes "key": "value" (a space after the colon).
      if (frame.startsWith("{\"type\": \"ack\"")) {
        listener.ack(nonceTime(frame));
      } else if (frame.startsWith("{\"type\": \"message\"")) {
        listener.message(Bench.number(frame, "~T"));
      } else if (frame.startsWith("{\"type\": \"error\"")) {
        listener.error(frame);
      } else if (!ready.isDone() && frame.contains("\"type\":\"connected\"")) {
        ready.complete(this);
      }
    }

    @Override
    public void send(String text, String nonce) {
      ws.send("{\"type\":\"message\",\"content\":\"" + text + "\",\"nonce\":\"" + nonce + "\"}");
    }
  }
}
