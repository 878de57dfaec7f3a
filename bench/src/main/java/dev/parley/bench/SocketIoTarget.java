package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The socket.io + pg peer ({@code bench/peers/socketio-pg}), spoken over a plain WebSocket with the
 * Engine.IO v4 / Socket.IO v5 framing: {@code 0{..}} open, {@code 40} connect to the default
 * namespace, {@code 42<id>["event",...]} an event with an ack id, {@code 43<id>[...]} its ack,
 * {@code 42["event",...]} an event from the server, {@code 2}/{@code 3} ping/pong.
 */
final class SocketIoTarget extends Target {
  SocketIoTarget(Bench bench) {
    super(bench);
  }

  private String base() {
    return bench.get("socketio", "http://127.0.0.1:8091");
  }

  @Override
  String name() {
    return "socketio";
  }

  @Override
  String database() {
    return bench.get("socketio_db", "parley_bench_socketio");
  }

  @Override
  Room room(String name, int members) {
    String room = safe(name);
    String url = base().replaceFirst("^http", "ws") + "/socket.io/?EIO=4&transport=websocket&user=";
    return new Room() {
      @Override
      public Conn owner(Listener listener) {
        return connectOne(opener(() -> new SioConn(listener, room), url + room + "_o", null));
      }

      @Override
      public List<Conn> members(IntFunction<Listener> listeners) {
        List<Supplier<CompletableFuture<Conn>>> openers = new ArrayList<>();
        for (int i = 0; i < members; i++) {
          Listener l = listeners.apply(i);
          openers.add(opener(() -> new SioConn(l, room), url + room + "_m" + i, null));
        }
        return connectAll(openers, 100, 120);
      }

      @Override
      public Reader reader() {
        return new HttpReader(base() + "/api/messages/" + room + "/recent?limit=50", null);
      }
    };
  }

  /**
   * One socket.io client: connect, join the room (ack id 0), then messages with ack ids 1, 2, ...
   */
  static final class SioConn extends SocketConn {
    private final String room;
    private final AtomicLong ackIds = new AtomicLong();

    SioConn(Listener listener, String room) {
      super(listener);
      this.room = room;
    }

    @Override
    void onFrame(String frame) {
      if (frame.isEmpty()) {
        return;
      }
      char type = frame.charAt(0);
      if (type == '2') {
        ws.enqueue("3"); // Engine.IO ping -> pong
      } else if (type == '0') {
        ws.enqueue("40"); // Engine.IO open -> Socket.IO connect
      } else if (frame.startsWith("40")) {
        ws.enqueue("420[\"join\",\"" + room + "\"]");
      } else if (frame.startsWith("44")) {
        ready.completeExceptionally(new IllegalStateException("connect_error " + frame));
      } else if (frame.startsWith("430[")) {
        ready.complete(this);
      } else if (frame.startsWith("43")) {
        if (frame.contains("\"error\"")) {
          listener.error(frame);
        } else {
          listener.ack(nonceTime(frame));
        }
      } else if (frame.startsWith("42[\"message\"")) {
        listener.message(Bench.number(frame, "~T"));
      }
    }

    @Override
    public void send(String text, String nonce) {
      ws.send(
          "42"
              + ackIds.incrementAndGet()
              + "[\"message\",{\"room\":\""
              + room
              + "\",\"content\":\""
              + text
              + "\",\"nonce\":\""
              + nonce
              + "\"}]");
    }
  }
}
