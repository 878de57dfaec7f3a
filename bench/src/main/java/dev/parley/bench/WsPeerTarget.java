package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The Node {@code ws} broadcast server of {@code bench/peer}: rooms by query parameter, every frame
 * relayed to the room's other sockets, nothing persisted, nothing acked. Fan-out only.
 */
final class WsPeerTarget extends Target {
  WsPeerTarget(Bench bench) {
    super(bench);
  }

  @Override
  String name() {
    return "ws";
  }

  @Override
  boolean acks() {
    return false;
  }

  @Override
  boolean history() {
    return false;
  }

  @Override
  Room room(String name, int members) {
    String url = bench.peer() + "/?room=" + safe(name);
    return new Room() {
      @Override
      public Conn owner(Listener listener) {
        return connectOne(opener(() -> new RelayConn(listener), url, null));
      }

      @Override
      public List<Conn> members(IntFunction<Listener> listeners) {
        List<Supplier<CompletableFuture<Conn>>> openers = new ArrayList<>();
        for (int i = 0; i < members; i++) {
          Listener l = listeners.apply(i);
          openers.add(opener(() -> new RelayConn(l), url, null));
        }
        return connectAll(openers, 200, 120);
      }

      @Override
      public Reader reader() {
        throw new UnsupportedOperationException("the ws peer keeps no history");
      }
    };
  }

  static final class RelayConn extends SocketConn {
    RelayConn(Listener listener) {
      super(listener);
    }

    @Override
    void onFrame(String frame) {
      if (!ready.isDone() && frame.contains("\"type\":\"connected\"")) {
        ready.complete(this);
      } else if (frame.contains("~T")) {
        listener.message(Bench.number(frame, "~T"));
      }
    }

    @Override
    public void send(String text, String nonce) {
      ws.send("{\"type\":\"send_message\",\"text\":\"" + text + "\",\"nonce\":\"" + nonce + "\"}");
    }
  }
}
