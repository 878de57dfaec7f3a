package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.adapters.web.support.HistoryReads;
import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.context.annotation.Property;
import io.micronaut.scheduling.instrument.InstrumentedExecutorService;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;

/**
 * History pages run on their own fixed pool: however many readers wait on a slow database, at most
 * that pool's threads hold connections, and the rest of the API (here a login) still gets one.
 */
@MicronautTest(transactional = false)
class HistoryBulkheadTest extends ApiTestBase {
  private static final int READERS = 20;

  @Inject
  @Named(HistoryReads.EXECUTOR)
  ExecutorService historyPool;

  @Property(name = "datasources.default.url")
  String databaseUrl;

  @Override
  protected Map<String, String> extraProperties() {
    // More waiting readers than the connection pool holds, so that without the bulkhead they
    // would take every connection.
    return Map.of(
        "micronaut.executors.history.number-of-threads", "2",
        "datasources.default.maximum-pool-size", "8");
  }

  private static long lockWaiters(Connection watcher) throws Exception {
    try (Statement statement = watcher.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND datname = current_database()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The pool under Micronaut's context-propagating wrappers. */
  private static ThreadPoolExecutor threadPool(ExecutorService executor) {
    ExecutorService target = executor;
    while (target instanceof InstrumentedExecutorService instrumented) {
      target = instrumented.getTarget();
    }
    assertThat(target).isInstanceOf(ThreadPoolExecutor.class);
    return (ThreadPoolExecutor) target;
  }

  @Test
  void slowHistoryReadsDoNotTakeTheRestOfTheApisConnections() throws Exception {
    Fixtures fx = new Fixtures(api);
    Session alice = api.newUser("bulkhead");
    long server = fx.server(alice, "Bulkhead");
    long channel = fx.channel(alice, server, "slow", "TEXT");
    assertThat(fx.send(alice, server, channel, "still here").status()).isEqualTo(201);
    ThreadPoolExecutor pool = threadPool(historyPool);
    String page = "/chat/servers/" + server + "/channels/" + channel + "/messages";

    ExecutorService clients = Executors.newFixedThreadPool(READERS);
    try (Connection db = DriverManager.getConnection(databaseUrl, "postgres", "");
        Connection watcher = DriverManager.getConnection(databaseUrl, "postgres", "")) {
      // Every page query now waits for this lock, holding its pool connection meanwhile.
      db.setAutoCommit(false);
      try (Statement lock = db.createStatement()) {
        lock.execute("LOCK TABLE messages IN ACCESS EXCLUSIVE MODE");
      }
      List<CompletableFuture<Response>> pages = new ArrayList<>();
      for (int i = 0; i < READERS; i++) {
        pages.add(CompletableFuture.supplyAsync(() -> api.get(page, alice.token()), clients));
      }
      await()
          .atMost(WsClient.WAIT)
          .until(() -> pool.getActiveCount() == 2 && pool.getQueue().size() == READERS - 2);
      assertThat(lockWaiters(watcher)).isEqualTo(2);

      Response login =
          api.post(
              "/auth/login",
              Api.json(Map.of("username", alice.username(), "password", "password123")),
              null);
      assertThat(login.status()).isEqualTo(200);
      assertThat(lockWaiters(watcher)).isEqualTo(2);

      db.rollback();
      for (CompletableFuture<Response> answer : pages) {
        Response response = answer.get();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("still here");
      }
    } finally {
      clients.shutdownNow();
    }
  }
}
