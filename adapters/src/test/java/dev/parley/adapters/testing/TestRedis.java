package dev.parley.adapters.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.UUID;
import redis.embedded.RedisServer;

/**
 * A Redis server of the test's own, from the binary packaged on Maven Central (no Redis needs to be
 * installed), on a free loopback port, without persistence. Tests that need an outage stop and
 * start it themselves; it comes back empty on the same port, as a restarted Redis would.
 */
public final class TestRedis implements AutoCloseable {
  private static TestRedis shared;

  private final int port;
  private RedisServer server;

  private TestRedis(int port) {
    this.port = port;
  }

  /** A new server, started. */
  public static TestRedis start() {
    TestRedis redis = new TestRedis(freePort());
    redis.up();
    return redis;
  }

  /** One server for the whole test JVM; callers isolate themselves with {@link #uniquePrefix}. */
  public static synchronized TestRedis shared() {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  /** A key prefix no other test uses. */
  public static String uniquePrefix() {
    return "t" + UUID.randomUUID().toString().substring(0, 8) + ":";
  }

  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Starts (again) on the same port. */
  public synchronized void up() {
    try {
      server =
          RedisServer.newRedisServer()
              .port(port)
              .bind("127.0.0.1")
              .setting("save \"\"")
              .setting("appendonly no")
              .build();
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server: every client sees its connection drop. */
  public synchronized void down() {
    try {
      if (server != null) {
        server.stop();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    down();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
