package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Parley through its native gateway: a room is a server owned by its sender with one text channel;
 * members are added over REST; sends are {@code send_message} frames answered by {@code
 * message_ack} (after the commit) and broadcast as {@code new_message}.
 */
final class ParleyTarget extends Target {
  private final Api api;

  ParleyTarget(Bench bench) {
    super(bench);
    this.api = new Api(bench.parley());
  }

  @Override
  String name() {
    return "parley";
  }

  @Override
  String database() {
    return bench.get("db", "parley_bench");
  }

  @Override
  long pid() {
    String pid = bench.get("pid", "");
    return pid.isBlank() ? -1 : Long.parseLong(pid);
  }

  @Override
  Room room(String name, int members) {
    String n = safe(name);
    Api.User owner = api.register(n + "_o");
    long server = api.server(owner, n);
    long channel = api.channel(owner, server, n);
    List<Api.User> users = members == 0 ? List.of() : api.users(n + "_m", members);
    if (!users.isEmpty()) {
      api.members(owner, server, users);
    }
    String prefix =
        "{\"type\":\"send_message\",\"serverId\":" + server + ",\"channelId\":" + channel + ",";
    return new Room() {
      @Override
      public Conn owner(Listener listener) {
        return connectOne(opener(owner, prefix, listener));
      }

      @Override
      public List<Conn> members(IntFunction<Listener> listeners) {
        List<Supplier<CompletableFuture<Conn>>> openers = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
          openers.add(opener(users.get(i), prefix, listeners.apply(i)));
        }
        return connectAll(openers, 100, 120);
      }

      @Override
      public Reader reader() {
        return new HttpReader(
            api.base() + "/chat/servers/" + server + "/channels/" + channel + "/messages?limit=50",
            owner.token());
      }

      @Override
      public String toString() {
        return "cid=" + channel;
      }
    };
  }

  private Supplier<CompletableFuture<Conn>> opener(
      Api.User user, String prefix, Listener listener) {
    return opener(() -> new GatewayConn(listener, prefix), api.gateway(user.token(), false), null);
  }

  /** One gateway socket: ready on {@code connected}. */
  static final class GatewayConn extends SocketConn {
    private final String prefix;

    GatewayConn(Listener listener, String prefix) {
      super(listener);
      this.prefix = prefix;
    }

    @Override
    void onFrame(String frame) {
      if (frame.contains("\"type\":\"message_ack\"")) {
        listener.ack(nonceTime(frame));
      } else if (frame.contains("\"type\":\"error\"")) {
        listener.error(frame);
      } else if (frame.contains("~T")) {
        listener.message(Bench.number(frame, "~T"));
      } else if (!ready.isDone() && frame.contains("\"type\":\"connected\"")) {
        ready.complete(this);
      }
    }

    @Override
    public void send(String text, String nonce) {
      ws.send(prefix + "\"text\":\"" + text + "\",\"nonce\":\"" + nonce + "\"}");
    }
  }
}
