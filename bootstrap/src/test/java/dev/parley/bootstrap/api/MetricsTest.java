package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /metrics} after real traffic: Parley's own meters move with what happened (sockets,
 * frames, sends acked and refused, fan-out, resumes, hashing, rate limits) beside Micronaut's HTTP,
 * pool and JVM meters; only this machine, or a scraper with the token, may read them.
 */
class MetricsTest {

  /** The sum of the samples of {@code metric} whose labels contain every one of {@code labels}. */
  static double value(String scrape, String metric, String... labels) {
    return Arrays.stream(scrape.split("\n"))
        .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
        .filter(line -> Arrays.stream(labels).allMatch(line::contains))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static String sendFrame(long channel, String text, String nonce) {
    return "{\"type\":\"send_message\",\"channelId\":"
        + channel
        + ",\"text\":\""
        + text
        + "\",\"nonce\":\""
        + nonce
        + "\"}";
  }

  @Nested
  @MicronautTest(transactional = false)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class FromThisMachine extends ApiTestBase {
    @Override
    protected Map<String, String> extraProperties() {
      // A small write budget, so that a burst of REST writes meets it.
      return Map.of("parley.socket.rate-per-second", "1", "parley.socket.rate-burst", "30");
    }

    private String scrape() {
      Api.Response response = api.get("/metrics", null);
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
      assertThat(response.header("Content-Type").orElse("")).startsWith("text/plain");
      return response.body();
    }

    @Test
    void parleysMetersMoveWithRealTraffic() {
      String before = scrape();
      Fixtures fx = new Fixtures(api);
      Session alice = api.newUser("metered");
      long server = fx.server(alice, "Metered");
      long channel = fx.channel(alice, server, "general", "TEXT");

      try (WsClient ws = fx.gateway(alice)) {
        await()
            .atMost(WsClient.WAIT)
            .until(() -> value(scrape(), "parley_sockets_open", "surface=\"native\"") == 1.0);
        ws.send(sendFrame(channel, "counted", "m-1"));
        ws.await("message_ack");
        ws.send(sendFrame(Long.MAX_VALUE, "nowhere", "m-2"));
        ws.await("error");
      }
      try (WsClient resumed =
          WsClient.connect(api.base(), "/chat/ws?resume=1&token=" + alice.token())) {
        resumed.send("{\"type\":\"resume\",\"channels\":{\"" + channel + "\":0}}");
        resumed.await("resumed");
        String after = scrape();
        assertThat(value(after, "parley_socket_frames_in_total", "type=\"send_message\""))
            .isEqualTo(2.0);
        assertThat(value(after, "parley_socket_frames_out_total", "type=\"message_ack\""))
            .isGreaterThanOrEqualTo(1.0);
        assertThat(value(after, "parley_socket_frames_out_total", "type=\"error\""))
            .isGreaterThanOrEqualTo(1.0);
        assertThat(
                value(after, "parley_messages_accepted_total")
                    - value(before, "parley_messages_accepted_total"))
            .isEqualTo(1.0);
        assertThat(
                value(after, "parley_messages_acked_total")
                    - value(before, "parley_messages_acked_total"))
            .isEqualTo(1.0);
        assertThat(value(after, "parley_messages_ack_latency_seconds_count"))
            .isEqualTo(value(after, "parley_messages_acked_total"));
        assertThat(value(after, "parley_messages_refused_total", "reason=\"not_found\""))
            .isEqualTo(1.0);
        assertThat(
                value(after, "parley_fanout_latency_seconds_count")
                    - value(before, "parley_fanout_latency_seconds_count"))
            .isGreaterThanOrEqualTo(1.0);
        assertThat(value(after, "parley_resumes_total")).isEqualTo(1.0);
        assertThat(value(after, "parley_resume_replayed_events_total")).isGreaterThanOrEqualTo(1.0);
        assertThat(value(after, "parley_password_hash_wait_seconds_count"))
            .isGreaterThan(value(before, "parley_password_hash_wait_seconds_count"));
        assertThat(
                value(
                    after,
                    "http_server_requests_seconds_count",
                    "uri=\"/auth/register\"",
                    "status=\"201\""))
            .isGreaterThanOrEqualTo(1.0);
        assertThat(value(after, "hikaricp_connections_max")).isGreaterThan(0.0);
        assertThat(value(after, "jvm_memory_used_bytes")).isGreaterThan(0.0);
        // Never a user or channel id as a label.
        assertThat(after).doesNotContain("user=").doesNotContain("channel=");
      }
      await()
          .atMost(WsClient.WAIT)
          .until(() -> value(scrape(), "parley_sockets_open", "surface=\"native\"") == 0.0);

      for (int i = 0; i < 40; i++) {
        fx.send(alice, server, channel, "burst " + i);
      }
      assertThat(value(scrape(), "parley_rate_limited_total", "surface=\"rest\""))
          .isGreaterThan(0.0);
    }

    @Test
    void theDashboardQueriesOnlyMetersParleyHas() throws Exception {
      Fixtures fx = new Fixtures(api);
      Session bob = api.newUser("dashboard");
      long server = fx.server(bob, "Dashboard");
      long channel = fx.channel(bob, server, "general", "TEXT");
      try (WsClient ws = fx.gateway(bob)) {
        ws.send(sendFrame(channel, "for the panels", "d-1"));
        ws.await("message_ack");
      }
      try (WsClient resumed =
          WsClient.connect(api.base(), "/chat/ws?resume=1&token=" + bob.token())) {
        resumed.send("{\"type\":\"resume\",\"channels\":{}}");
        resumed.await("resumed");
      }
      String dashboard = Files.readString(Path.of("../docs/grafana/parley.json"));
      Set<String> queried = new TreeSet<>();
      Matcher names =
          Pattern.compile("\\b((?:parley|hikaricp|http_server)_[a-z_]+)").matcher(dashboard);
      while (names.find()) {
        queried.add(names.group(1));
      }
      assertThat(queried).contains("parley_messages_acked_total", "hikaricp_connections_active");
      String scrape = scrape();
      // Meters of parts this single node without Redis never uses, created on first use.
      Set<String> absentHere =
          Set.of(
              "parley_redis_up",
              "parley_redis_publish_latency_seconds_bucket",
              "parley_socket_slow_consumer_closes_total");
      for (String meter : queried) {
        if (!absentHere.contains(meter)) {
          assertThat(scrape).as(meter).contains("\n" + meter);
        }
      }
    }

    @Test
    void aRequestThroughAProxyIsNotLocal() {
      Api.Response proxied =
          api.send("GET", "/metrics", null, null, null, "X-Forwarded-For", "203.0.113.9");
      assertThat(proxied.status()).isEqualTo(403);
      assertThat(proxied.body()).doesNotContain("parley_");
    }
  }

  @Nested
  @MicronautTest(transactional = false)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WithAToken extends ApiTestBase {
    @Override
    protected Map<String, String> extraProperties() {
      return Map.of("parley.metrics.token", "scrape-token-0123456789");
    }

    @Test
    void onlyTheTokenOpensTheScrape() {
      assertThat(api.get("/metrics", null).status()).isEqualTo(403);
      assertThat(api.get("/metrics", "not-the-token").status()).isEqualTo(403);
      Api.Response scraped = api.get("/metrics", "scrape-token-0123456789");
      assertThat(scraped.status()).isEqualTo(200);
      assertThat(scraped.body()).contains("jvm_memory_used_bytes");
    }
  }
}
