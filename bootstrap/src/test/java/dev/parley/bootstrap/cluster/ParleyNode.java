package dev.parley.bootstrap.cluster;

import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;

/**
 * One Parley node in this JVM: its own application context and port, sharing the database and the
 * Redis of the other nodes, exactly as separate processes behind a load balancer would.
 */
final class ParleyNode implements AutoCloseable {
  final EmbeddedServer server;
  final Api api;
  final Fixtures fx;

  private ParleyNode(EmbeddedServer server) {
    this.server = server;
    this.api = new Api(server.getURI());
    this.fx = new Fixtures(api);
  }

  /** Starts a node on a free port; {@code redisUri} null runs it alone, without Redis. */
  static ParleyNode start(String databaseUrl, String redisUri, String keyPrefix) {
    return start(databaseUrl, redisUri, keyPrefix, Map.of());
  }

  /** As {@link #start(String, String, String)}, with {@code extra} settings on top. */
  static ParleyNode start(
      String databaseUrl, String redisUri, String keyPrefix, Map<String, Object> extra) {
    Map<String, Object> p = new HashMap<>();
    p.put("datasources.default.url", databaseUrl);
    p.put("datasources.default.username", "postgres");
    p.put("datasources.default.password", "");
    p.put("parley.jwt-secret", ApiTestBase.SECRET);
    p.put("parley.security.bcrypt-cost", "4");
    p.put("parley.demo-data", "false");
    p.put("micronaut.server.port", "-1");
    p.put("parley.socket.rate-per-second", "100000");
    p.put("parley.socket.rate-burst", "100000");
    if (redisUri != null) {
      p.put("redis.uri", redisUri);
      p.put("parley.redis.key-prefix", keyPrefix);
      p.put("parley.redis.presence-ttl", "3s");
      p.put("parley.redis.check-interval", "250ms");
    }
    p.putAll(extra);
    return new ParleyNode(ApplicationContext.run(EmbeddedServer.class, p));
  }

  ApplicationContext context() {
    return server.getApplicationContext();
  }

  @Override
  public void close() {
    server.getApplicationContext().close();
  }
}
