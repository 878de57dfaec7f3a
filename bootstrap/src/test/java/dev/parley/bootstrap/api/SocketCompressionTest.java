package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

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
  private static final String OFFER =
      "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits";

  @MicronautTest(transactional = false)
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class ByDefault extends ApiTestBase {
    @Test
    void anOfferOfDeflateIsDeclinedAndFramesGoUncompressed() throws Exception {
      Session alice = api.newUser("plain_socket");
      try (Handshake socket =
          Handshake.send(api.base(), "/chat/ws?token=" + alice.token(), OFFER)) {
        assertThat(socket.status()).isEqualTo(101);
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
      Session alice = api.newUser("deflate_socket");
      try (Handshake socket =
          Handshake.send(api.base(), "/chat/ws?token=" + alice.token(), OFFER)) {
        assertThat(socket.status()).isEqualTo(101);
        assertThat(socket.header("sec-websocket-extensions")).startsWith("permessage-deflate");
      }
    }
  }
}
