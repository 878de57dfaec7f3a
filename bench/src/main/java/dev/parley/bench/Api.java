package dev.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few Parley REST calls the scenarios need to set themselves up. */
final class Api {
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
  private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
  static final String PASSWORD = "bench-password-1";

  /** A registered, logged-in user. */
  record User(long id, String name, String token) {}

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  Api(String base) {
    this.base = base;
  }

  String base() {
    return base;
  }

  /** The socket URL of the native gateway for a token. */
  String gateway(String token, boolean resume) {
    return base.replaceFirst("^http", "ws")
        + "/chat/ws?"
        + (resume ? "resume=1&" : "")
        + "token="
        + token;
  }

  HttpResponse<String> call(String method, String path, String json, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    }
  }

  private String expect(HttpResponse<String> r, int status) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(
          r.request().method()
              + " "
              + r.uri().getPath()
              + " -> "
              + r.statusCode()
              + " "
              + r.body());
    }
    return r.body();
  }

  static long id(String body) {
    Matcher m = ID.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no id in " + body);
    }
    return Long.parseLong(m.group(1));
  }

  User register(String name) {
    String body =
        expect(
            call(
                "POST",
                "/auth/register",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}",
                null),
            201);
    return new User(id(body), name, login(name));
  }

  String login(String name) {
    String body =
        expect(
            call(
                "POST",
                "/auth/login",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}",
                null),
            200);
    Matcher m = TOKEN.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no token in login answer");
    }
    return m.group(1);
  }

  long server(User owner, String name) {
    return id(
        expect(call("POST", "/chat/servers", "{\"name\":\"" + name + "\"}", owner.token()), 201));
  }

  long channel(User owner, long serverId, String name) {
    return id(
        expect(
            call(
                "POST",
                "/chat/servers/" + serverId + "/channels",
                "{\"name\":\"" + name + "\",\"type\":\"TEXT\"}",
                owner.token()),
            201));
  }

  void member(User owner, long serverId, User user) {
    expect(
        call(
            "POST",
            "/chat/servers/" + serverId + "/members",
            "{\"user_id\":" + user.id() + "}",
            owner.token()),
        201);
  }

  void post(User user, long serverId, long channelId, String text) {
    expect(
        call(
            "POST",
            "/chat/servers/" + serverId + "/channels/" + channelId + "/messages",
            "{\"text\":\"" + text + "\"}",
            user.token()),
        201);
  }

  /** Registers n users named prefix0..n-1 with a few parallel requests. */
  List<User> users(String prefix, int n) {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<User>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String name = prefix + i;
        futures.add(pool.submit(() -> register(name)));
      }
      List<User> users = new ArrayList<>();
      for (Future<User> f : futures) {
        users.add(f.get());
      }
      return users;
    } catch (Exception e) {
      throw new IllegalStateException("registering users failed: " + e, e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Adds the users to a server with a few parallel requests. */
  void members(User owner, long serverId, List<User> users) {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (User u : users) {
        if (u.id() != owner.id()) {
          futures.add(pool.submit(() -> member(owner, serverId, u)));
        }
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("adding members failed: " + e, e);
    } finally {
      pool.shutdownNow();
    }
  }
}
