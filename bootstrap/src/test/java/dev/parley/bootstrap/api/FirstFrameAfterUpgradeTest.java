package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A frame sent the moment {@code connected} arrives is handled, even when the upgrade's
 * authentication finished on a worker thread (a socket ticket is spent in PostgreSQL): the socket's
 * handler must be in place before the client can have heard of the socket.
 */
@MicronautTest(transactional = false)
class FirstFrameAfterUpgradeTest extends ApiTestBase {
  private static final int SOCKETS = 150;

  @Test
  void aHeartbeatSentOnConnectedIsAnsweredOnEverySocket() {
    Session alice = api.newUser("eager");
    for (int i = 0; i < SOCKETS; i++) {
      String ticket =
          api.post("/auth/socket-ticket", "", alice.token()).json().get("ticket").getStringValue();
      try (WsClient ws = WsClient.connect(api.base(), "/chat/ws?ticket=" + ticket)) {
        ws.await("connected");
        ws.send("{\"type\":\"heartbeat\"}");
        JsonNode answer = ws.next(Duration.ofSeconds(10));
        assertThat(answer).as("socket " + i + ": no answer to its first frame").isNotNull();
        assertThat(answer.get("type").getStringValue()).isEqualTo("heartbeat_ack");
      }
    }
  }
}
