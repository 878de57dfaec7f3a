package dev.parley.bench;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * ejabberd (Debian's package, configured by {@code bench/peers/ejabberd/ejabberd.yml.in}) over XMPP
 * on WebSocket (RFC 7395): open, SASL PLAIN, bind, join a MUC room; a groupchat message is archived
 * by mod_mam in PostgreSQL and then reflected to every occupant, the sender included, and that
 * reflection is the ack. History is a MAM query for the room's newest 50 messages. Accounts are
 * rows inserted into ejabberd's {@code users} table (plain passwords).
 */
final class EjabberdTarget extends Target {
  private static final String PASSWORD = "bench-pw";

  EjabberdTarget(Bench bench) {
    super(bench);
  }

  private String url() {
    return bench.get("ejabberd", "ws://127.0.0.1:8093/ws");
  }

  private String domain() {
    return bench.get("xmpp_domain", "localhost");
  }

  @Override
  String name() {
    return "ejabberd";
  }

  @Override
  String database() {
    return bench.get("ejabberd_db", "parley_bench_ejabberd");
  }

  @Override
  Room room(String name, int members) {
    String room = safe(name);
    String roomJid = room + "@conference." + domain();
    int readers = bench.integer("readers", 16);
    StringBuilder sql = new StringBuilder("INSERT INTO users (username, password) VALUES ");
    sql.append("('").append(room).append("_o','").append(PASSWORD).append("')");
    for (int i = 0; i < members; i++) {
      sql.append(",('").append(room).append("_m").append(i).append("','").append(PASSWORD);
      sql.append("')");
    }
    for (int i = 0; i < readers; i++) {
      sql.append(",('").append(room).append("_r").append(i).append("','").append(PASSWORD);
      sql.append("')");
    }
    sql.append(" ON CONFLICT (username) DO NOTHING");
    try {
      String out = Pg.psql(bench, database(), sql.toString());
      if (!out.contains("INSERT")) {
        throw new IllegalStateException("creating ejabberd accounts failed: " + out);
      }
    } catch (Exception e) {
      throw new IllegalStateException("creating ejabberd accounts failed", e);
    }
    AtomicInteger nextReader = new AtomicInteger();
    return new Room() {
      @Override
      public Conn owner(Listener listener) {
        return connectOne(
            opener(
                () -> new XmppConn(listener, room + "_o", roomJid, "o", domain()), url(), "xmpp"));
      }

      @Override
      public List<Conn> members(IntFunction<Listener> listeners) {
        List<Supplier<CompletableFuture<Conn>>> openers = new ArrayList<>();
        for (int i = 0; i < members; i++) {
          Listener l = listeners.apply(i);
          String user = room + "_m" + i;
          String nick = "m" + i;
          openers.add(opener(() -> new XmppConn(l, user, roomJid, nick, domain()), url(), "xmpp"));
        }
        return connectAll(openers, 100, 180);
      }

      @Override
      public Reader reader() {
        int k = nextReader.getAndIncrement();
        XmppConn conn =
            connectOne(
                opener(
                    () -> new XmppConn(NONE, room + "_r" + k, roomJid, "r" + k, domain()),
                    url(),
                    "xmpp"));
        return new Reader() {
          @Override
          public int fetch() throws Exception {
            return conn.mam(50);
          }

          @Override
          public void close() {
            conn.close();
          }
        };
      }
    };
  }

  /** One XMPP session that joins one room; ready once it is an occupant (room unlocked). */
  static final class XmppConn extends SocketConn {
    private static final String OPEN_TEMPLATE =
        "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='%s' version='1.0'/>";
    private final String user;
    private final String roomJid;
    private final String nick;
    private final String domain;
    private final String ownFrom;
    private final AtomicLong ids = new AtomicLong();
    private volatile String queryId;
    private volatile CompletableFuture<Integer> query;
    private final AtomicInteger queryRows = new AtomicInteger();
    private boolean authenticated;

    XmppConn(Listener listener, String user, String roomJid, String nick, String domain) {
      super(listener);
      this.user = user;
      this.roomJid = roomJid;
      this.nick = nick;
      this.domain = domain;
      this.ownFrom = "from='" + roomJid + "/" + nick + "'";
    }

    @Override
    void onOpen() {
      ws.enqueue(String.format(OPEN_TEMPLATE, domain));
    }

    @Override
    void onFrame(String frame) {
      if (frame.startsWith("<message")) {
        if (frame.contains("urn:xmpp:mam:2")) {
          queryRows.addAndGet(count(frame, HISTORY_TEXT));
        } else if (frame.contains("type='error'")) {
          listener.error(frame);
        } else {
          if (frame.contains(ownFrom) && frame.contains("type='groupchat'")) {
            listener.ack(Bench.number(frame, "id='T"));
          }
          long t = Bench.number(frame, "~T");
          if (t > 0) {
            listener.message(t);
          }
        }
      } else if (frame.startsWith("<iq")) {
        boolean ok = frame.contains("type='result'");
        if (frame.contains("id='bind'")) {
          if (!ok) {
            ready.completeExceptionally(new IllegalStateException("bind failed: " + frame));
            return;
          }
          ws.enqueue(
              "<presence to='"
                  + roomJid
                  + "/"
                  + nick
                  + "'><x xmlns='http://jabber.org/protocol/muc'>"
                  + "<history maxstanzas='0'/></x></presence>");
        } else if (frame.contains("id='cfg'")) {
          if (ok) {
            ready.complete(this);
          } else {
            ready.completeExceptionally(new IllegalStateException("room config: " + frame));
          }
        } else {
          String q = queryId;
          CompletableFuture<Integer> f = query;
          if (q != null && f != null && frame.contains("id='" + q + "'")) {
            if (ok) {
              f.complete(queryRows.get());
            } else {
              f.completeExceptionally(new IllegalStateException("MAM query: " + frame));
            }
          }
        }
      } else if (frame.startsWith("<presence")) {
        if (!ready.isDone() && frame.contains("type='error'")) {
          ready.completeExceptionally(new IllegalStateException("join failed: " + frame));
        } else if (!ready.isDone() && frame.contains("code='110'")) {
          if (frame.contains("code='201'")) {
            // A new room stays locked until its owner accepts the default configuration.
            ws.enqueue(
                "<iq type='set' id='cfg' to='"
                    + roomJid
                    + "'><query xmlns='http://jabber.org/protocol/muc#owner'>"
                    + "<x xmlns='jabber:x:data' type='submit'/></query></iq>");
          } else {
            ready.complete(this);
          }
        }
      } else if (frame.startsWith("<stream:features") || frame.startsWith("<features")) {
        if (!authenticated && frame.contains("<mechanisms")) {
          String plain =
              Base64.getEncoder().encodeToString(("\0" + user + "\0" + PASSWORD).getBytes());
          ws.enqueue(
              "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
                  + plain
                  + "</auth>");
        } else if (frame.contains("<bind")) {
          ws.enqueue(
              "<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                  + "<resource>bench</resource></bind></iq>");
        }
      } else if (frame.startsWith("<success")) {
        authenticated = true;
        ws.enqueue(String.format(OPEN_TEMPLATE, domain));
      } else if (frame.startsWith("<failure") || frame.startsWith("<close")) {
        ready.completeExceptionally(new IllegalStateException(user + ": " + frame));
      }
    }

    @Override
    public void send(String text, String nonce) {
      ws.send(
          "<message to='"
              + roomJid
              + "' type='groupchat' id='"
              + nonce
              + "'><body>"
              + text
              + "</body></message>");
    }

    /** One MAM query for the room's newest {@code max} messages; returns the rows counted. */
    int mam(int max) throws Exception {
      String id = "mam" + ids.incrementAndGet();
      CompletableFuture<Integer> f = new CompletableFuture<>();
      queryRows.set(0);
      query = f;
      queryId = id;
      ws.send(
          "<iq type='set' id='"
              + id
              + "' to='"
              + roomJid
              + "'><query xmlns='urn:xmpp:mam:2' queryid='"
              + id
              + "'><set xmlns='http://jabber.org/protocol/rsm'><max>"
              + max
              + "</max><before/></set></query></iq>");
      return f.get(30, TimeUnit.SECONDS);
    }
  }
}
