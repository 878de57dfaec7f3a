package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Handshake;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A browser asks every socket for permessage-deflate; Parley declines by default (a deflate context
 * per socket costs about ten times the socket's own memory) and accepts when {@code
 * parley.socket.compression} is on.
 */
class SocketCompressionTest {
  /** A new user's native socket, upgraded with an offer of deflate as browsers make it. */
  private static Handshake offeringDeflate(Api api, String name) throws Exception {
    Session user = api.newUser(name);
    Handshake socket =
        Handshake.send(
            api.base(),
            "/chat/ws?token=" + user.token(),
            "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits");
    assertThat(socket.status()).isEqualTo(101);
    return socket;
  }

  @MicronautTest(transactional = false)
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class ByDefault extends ApiTestBase {
    @Test
    void anOfferOfDeflateIsDeclinedAndFramesGoUncompressed() throws Exception {
      try (Handshake socket = offeringDeflate(api, "plain_socket")) {
        assertThat(socket.header("sec-websocket-extensions")).isNull();
        assertThat(socket.firstFrame(10_000)).contains("\"type\":\"connected\"");
      }
    }
  }

  @MicronautTest(transactional = false)
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WhenSwitchedOn extends ApiTestBase {
    @Override
    protected Map<String, String> extraProperties() {
      return Map.of("parley.socket.compression", "true");
    }

    @Test
    void anOfferOfDeflateIsAccepted() throws Exception {
      try (Handshake socket = offeringDeflate(api, "deflate_socket")) {
        assertThat(socket.header("sec-websocket-extensions")).startsWith("permessage-deflate");
      }
    }
  }
}
