package dev.parley.adapters.web.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.parley.application.realtime.ConnectionScope;
import dev.parley.application.realtime.OutboundEvent;
import dev.parley.domain.event.ServerDeleted;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.exceptions.WebSocketSessionException;
import org.junit.jupiter.api.Test;

class SocketConnectionTest {

  @Test
  void aSessionClosedUnderneathStopsDeliveryQuietly() {
    WebSocketSession session = mock(WebSocketSession.class);
    when(session.isOpen()).thenReturn(true);
    when(session.sendAsync(any())).thenThrow(new WebSocketSessionException("Session closed"));
    SocketConnection connection =
        new SocketConnection(
            session,
            1,
            "alice",
            "s1",
            ConnectionScope.EVERYTHING,
            new FixedEncoder("{\"type\":\"server_deleted\"}"),
            Runnable::run,
            new SocketLimits(),
            new SocketMetrics(new SimpleMeterRegistry()));
    connection.markReady();
    OutboundEvent event = new OutboundEvent(new ServerDeleted(1, "gone"));

    assertThatCode(() -> connection.deliver(event)).doesNotThrowAnyException();
    assertThat(connection.isOpen()).isFalse();
    connection.deliver(event);
    connection.send("{\"type\":\"error\"}");

    // Once the session is known to be closed nothing more is attempted.
    verify(session, times(1)).sendAsync(any());
  }
}
