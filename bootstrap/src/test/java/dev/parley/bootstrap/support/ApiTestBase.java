package dev.parley.bootstrap.support;

import dev.parley.adapters.testing.TestPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the end-to-end tests: the whole application on a random port, a fresh database in the
 * test JVM's embedded PostgreSQL, a known JWT secret so tests can forge tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiTestBase implements TestPropertyProvider {
  /** The signing secret the test server uses. */
  public static final String SECRET = "test-only-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

  @Inject protected EmbeddedServer server;
  protected Api api;

  @BeforeAll
  void connect() {
    api = new Api(server.getURI());
  }

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(TestPostgres.freshDatasourceProperties());
    properties.put("parley.jwt-secret", SECRET);
    properties.put("parley.security.bcrypt-cost", "4");
    properties.put("parley.demo-data", "false");
    // The access and rank matrices build a fresh server for every call that changes one.
    properties.put("parley.limits.servers-per-owner", "10000");
    // REST writes share the sockets' per-user budget; tests that write fast should not meet it
    // (the classes about limits set small ones in extraProperties).
    properties.put("parley.socket.rate-per-second", "1000");
    properties.put("parley.socket.rate-burst", "1000");
    properties.putAll(extraProperties());
    return properties;
  }

  /** Per-class additions to the test configuration. */
  protected Map<String, String> extraProperties() {
    return Map.of();
  }
}
