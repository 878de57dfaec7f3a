package dev.parley.adapters.web.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

import dev.parley.adapters.web.support.LogContext;
import dev.parley.application.realtime.ConnectionScope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.websocket.WebSocketSession;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** A socket's work logs with its connection id and user id, whichever thread runs it. */
class SocketLogFieldsTest {
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private SocketConnection connection(long userId) {
    return new SocketConnection(
        mock(WebSocketSession.class),
        userId,
        "alice",
        "s1",
        ConnectionScope.EVERYTHING,
        new FixedEncoder(null),
        pool,
        new SocketLimits(),
        new SocketMetrics(new SimpleMeterRegistry()));
  }

  private static Map<String, String> mdc() {
    Map<String, String> copy = MDC.getCopyOfContextMap();
    return copy == null ? Map.of() : new HashMap<>(copy);
  }

  @Test
  void framesRunWithTheConnectionsFieldsAndLeaveThePoolThreadClean() {
    SocketConnection connection = connection(42);
    AtomicReference<Map<String, String>> inFrame = new AtomicReference<>();
    AtomicReference<Map<String, String>> afterwards = new AtomicReference<>();

    connection.submit(() -> inFrame.set(mdc()));
    await().atMost(Duration.ofSeconds(10)).until(() -> inFrame.get() != null);
    pool.execute(() -> afterwards.set(mdc()));
    await().atMost(Duration.ofSeconds(10)).until(() -> afterwards.get() != null);

    assertThat(inFrame.get())
        .containsEntry(LogContext.CONNECTION_ID, connection.id())
        .containsEntry(LogContext.USER_ID, "42");
    assertThat(afterwards.get()).isEmpty();
  }

  @Test
  void workRunOutsideTheFrameQueueCanCarryTheFields() {
    SocketConnection connection = connection(7);
    AtomicReference<Map<String, String>> seen = new AtomicReference<>();

    pool.execute(connection.withLogFields(() -> seen.set(mdc())));
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.get() != null);

    assertThat(seen.get())
        .containsEntry(LogContext.CONNECTION_ID, connection.id())
        .containsEntry(LogContext.USER_ID, "7");
  }

  @Test
  void anAnswerWrittenOnTheThreadThatCompletesTheWorkKeepsTheFramesFields() {
    FrameAnswers answers = new FrameAnswers(10);
    CompletableFuture<String> work = new CompletableFuture<>();
    AtomicReference<Map<String, String>> seen = new AtomicReference<>();
    try (PropagatedContext.Scope frame =
        PropagatedContext.getOrEmpty().plus(LogContext.ofConnection("c-frame", 9)).propagate()) {
      answers.later(work, (result, failure) -> seen.set(mdc()));
    }

    pool.execute(() -> work.complete("done"));
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.get() != null);

    assertThat(seen.get())
        .containsEntry(LogContext.CONNECTION_ID, "c-frame")
        .containsEntry(LogContext.USER_ID, "9");
  }
}
