package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.parley.adapters.testing.TestPostgres;
import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Webhook durability: what committed while no node fed the outbox, and what sat in the outbox when
 * the application stopped, is delivered by the next application on the same database.
 */
class WebhookRestartTest {

  private static EmbeddedServer start(Map<String, String> datasource, boolean webhooks) {
    Map<String, Object> p = new HashMap<>(datasource);
    p.put("parley.jwt-secret", ApiTestBase.SECRET);
    p.put("parley.security.bcrypt-cost", "4");
    p.put("parley.demo-data", "false");
    p.put("micronaut.server.port", "-1");
    p.put("parley.webhooks.enabled", Boolean.toString(webhooks));
    p.put("parley.webhooks.allowed-hosts", "127.0.0.1");
    p.put("parley.webhooks.poll-interval", "50ms");
    p.put("parley.webhooks.first-retry", "100ms");
    p.put("parley.webhooks.max-retry", "200ms");
    p.put("parley.webhooks.disable-after-failures", "1000");
    return ApplicationContext.run(EmbeddedServer.class, p);
  }

  @Test
  void committedChangesAndQueuedEventsSurviveARestart() throws Exception {
    List<String> contents = new CopyOnWriteArrayList<>();
    List<Integer> statuses = new CopyOnWriteArrayList<>();
    AtomicBoolean failing = new AtomicBoolean(false);
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          String body;
          try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          int status = failing.get() ? 503 : 200;
          statuses.add(status);
          if (status == 200) {
            contents.add(Api.parse(body).get("data").get("content").getStringValue());
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
    Map<String, String> datasource = TestPostgres.freshDatasourceProperties();
    try {
      // 1. No node feeds: the webhook and three messages are only committed.
      EmbeddedServer first = start(datasource, false);
      Session admin;
      long server;
      long channel;
      try {
        Api api = new Api(first.getURI());
        Fixtures fx = new Fixtures(api);
        admin = api.newUser("durable");
        server = fx.server(admin, "Durable");
        channel = fx.channel(admin, server, "general", "TEXT");
        Response created =
            api.post(
                "/chat/servers/" + server + "/webhooks",
                "{\"url\":\"http://127.0.0.1:"
                    + receiver.getAddress().getPort()
                    + "/in\",\"events\":[\"message.created\"]}",
                admin.token());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        for (String text : List.of("m1", "m2", "m3")) {
          assertThat(fx.send(admin, server, channel, text).status()).isEqualTo(201);
        }
      } finally {
        first.getApplicationContext().close();
      }
      assertThat(statuses).isEmpty();

      // 2. The next application feeds them from the change log; the target fails, so they stay
      // in the outbox, and one more message joins them.
      failing.set(true);
      EmbeddedServer second = start(datasource, true);
      try {
        Api api = new Api(second.getURI());
        assertThat(new Fixtures(api).send(admin, server, channel, "m4").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> statuses.size() >= 3);
      } finally {
        second.getApplicationContext().close();
      }
      assertThat(contents).isEmpty();

      // 3. After another restart, with the target back, everything arrives once per event, in
      // order.
      failing.set(false);
      EmbeddedServer third = start(datasource, true);
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> contents.size() >= 4);
        assertThat(contents).containsExactly("m1", "m2", "m3", "m4");
      } finally {
        third.getApplicationContext().close();
      }
    } finally {
      receiver.stop(0);
    }
  }
}
