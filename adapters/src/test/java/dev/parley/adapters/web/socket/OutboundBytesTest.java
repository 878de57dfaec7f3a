package dev.parley.adapters.web.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.parley.application.realtime.ConnectionScope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The outbound bounds count the bytes a frame takes on the wire, not its Java characters. */
class OutboundBytesTest {

  /** A session whose sends never complete: everything sent stays queued. */
  private static WebSocketSession stuckSession() {
    WebSocketSession session = mock(WebSocketSession.class);
    when(session.isOpen()).thenReturn(true);
    when(session.sendAsync(anyString())).thenReturn(new CompletableFuture<>());
    return session;
  }

  private static SocketConnection connection(WebSocketSession session, long hardBytes) {
    SocketLimits limits = new SocketLimits();
    limits.setSoftOutboundBytes(hardBytes / 2);
    limits.setHardOutboundBytes(hardBytes);
    SocketConnection connection =
        new SocketConnection(
            session,
            1,
            "alice",
            "s1",
            ConnectionScope.EVERYTHING,
            new FixedEncoder(null),
            Runnable::run,
            limits,
            new SocketMetrics(new SimpleMeterRegistry()));
    connection.markReady();
    return connection;
  }

  @Test
  void aFrameOfEmojiCountsItsUtf8BytesAgainstTheHardBound() {
    // 300 emoji: 600 chars, 1200 bytes; the bound is 1000 bytes.
    String frame = "{\"text\":\"" + "\uD83D\uDE00".repeat(300) + "\"}";
    assertThat(frame.length()).isLessThan(1000);
    assertThat(frame.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(1000);
    WebSocketSession session = stuckSession();

    connection(session, 1000).send(frame);

    verify(session, never()).sendAsync(anyString());
    verify(session).close(any(CloseReason.class));
  }

  @Test
  void anAsciiFrameOfTheSameLengthFits() {
    String frame = "{\"text\":\"" + "ab".repeat(300) + "\"}";
    WebSocketSession session = stuckSession();

    connection(session, 1000).send(frame);

    verify(session).sendAsync(frame);
    verify(session, never()).close(any(CloseReason.class));
  }

  @Test
  void theCountMatchesTheEncodedSize() {
    for (String text :
        new String[] {
          "", "plain", "é ü ß", "日本語", "\uD83D\uDE00 \uD83D\uDC4D\uD83C\uDFFD", "a\u0000b"
        }) {
      assertThat(OutboundBudget.utf8Length(text))
          .as(text)
          .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }
    // A lone surrogate is counted as the 3-byte replacement at most: never less than sent.
    assertThat(OutboundBudget.utf8Length("\uD83D")).isGreaterThanOrEqualTo(1);
  }
}
