package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A connection opened to resume goes live within the resume wait even when the heartbeat interval
 * is much longer: the wait has its own timer.
 */
@MicronautTest(transactional = false)
class ResumeWaitTest extends ApiTestBase {
  private Fixtures fx;

  @Override
  protected Map<String, String> extraProperties() {
    return Map.of(
        "parley.socket.heartbeat-interval", "60s",
        "parley.socket.heartbeat-timeout", "150s",
        "parley.socket.resume-wait", "1s");
  }

  @BeforeAll
  void fixtures() {
    fx = new Fixtures(api);
  }

  @Test
  void withoutAResumeFrameTheConnectionGoesLiveAfterTheResumeWait() {
    Session alice = api.newUser("noresume");
    Session bob = api.newUser("speaker");
    long server = fx.server(bob, "Waiting");
    long channel = fx.channel(bob, server, "general", "TEXT");
    fx.member(bob, server, alice);
    long start = System.nanoTime();
    try (WsClient ws = WsClient.connect(api.base(), "/chat/ws?resume=1&token=" + alice.token())) {
      JsonNode connected = ws.await("connected");
      assertThat(connected.get("resume_pending").getBooleanValue()).isTrue();
      assertThat(connected.get("heartbeat_interval").getLongValue()).isEqualTo(60_000);
      fx.send(bob, server, channel, "held until live");

      JsonNode error = ws.await("error");
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      assertThat(error.get("message").getStringValue()).contains("No resume frame");
      assertThat(waited).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(4));
      // The event held meanwhile comes right after, then live ones.
      assertThat(ws.await("new_message").get("text").getStringValue()).isEqualTo("held until live");
      fx.send(bob, server, channel, "live");
      assertThat(ws.await("new_message").get("text").getStringValue()).isEqualTo("live");
    }
  }

  @Test
  void aResumeFrameInTimeStopsTheTimer() {
    Session carol = api.newUser("resumes");
    try (WsClient ws = WsClient.connect(api.base(), "/chat/ws?resume=1&token=" + carol.token())) {
      ws.await("connected");
      ws.send("{\"type\":\"resume\",\"channels\":{}}");
      ws.await("resumed");
      // Past the resume wait: no "now live without replay" error follows the resume.
      assertThat(ws.drain(Duration.ofMillis(1_500)))
          .noneMatch(f -> "error".equals(f.get("type").getStringValue()));
      ws.send("{\"type\":\"heartbeat\"}");
      assertThat(ws.await("heartbeat_ack")).isNotNull();
    }
  }
}
