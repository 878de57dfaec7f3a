package dev.parley.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.parley.adapters.web.support.LogContext;
import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/**
 * The access log states the status the client received: route answers, error answers, and the
 * health endpoints' 503, which Micronaut sets in a response filter after the route has answered.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessLogStatusTest extends ApiTestBase {
  private static final AtomicInteger IDS = new AtomicInteger();

  @Inject DrainingIndicator drain;

  private final Lines lines = new Lines();
  private Logger access;

  /** Access-log events, safe to read while server threads append. */
  private static final class Lines extends AppenderBase<ILoggingEvent> {
    final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

    @Override
    protected void append(ILoggingEvent event) {
      events.add(event);
    }
  }

  @BeforeAll
  void capture() {
    access = (Logger) LoggerFactory.getLogger("parley.access");
    lines.start();
    access.addAppender(lines);
  }

  @AfterAll
  void release() {
    access.detachAppender(lines);
  }

  /** Sends the request under an id of its own and checks its access line against its answer. */
  private void assertLogged(String path, String token, int expected) {
    String id = "status-test." + IDS.incrementAndGet();
    Api.Response response = api.send("GET", path, null, null, token, LogContext.HEADER, id);
    assertThat(response.status()).as(path + ": " + response).isEqualTo(expected);
    assertThat(response.header(LogContext.HEADER)).contains(id);
    // Written before the answer leaves; the wait only covers the appender's thread hand-over.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(linesOf(id)).singleElement().isEqualTo("GET " + path + " " + expected));
  }

  /** The request's access lines, without their durations. */
  private List<String> linesOf(String id) {
    return lines.events.stream()
        .filter(e -> id.equals(e.getMDCPropertyMap().get(LogContext.REQUEST_ID)))
        .map(e -> e.getFormattedMessage().replaceFirst(" \\d+ms$", ""))
        .toList();
  }

  @Test
  void routeAndErrorAnswersAreLoggedWithTheirStatus() {
    Api.Session user = api.newUser("logged");
    assertLogged("/users/me", user.token(), 200);
    assertLogged("/api/messages/abc", user.token(), 400);
    assertLogged("/users/me", null, 401);
    assertLogged("/no/such/route", user.token(), 404);
  }

  @Test
  void anAcceptedSocketUpgradeIsLoggedAs101AndARefusedOneWithItsStatus() {
    Api.Session user = api.newUser("sockets");
    long before = count("GET /chat/ws 101");
    try (WsClient ws = WsClient.connect(api.base(), "/chat/ws?token=" + user.token())) {
      ws.await("connected");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(count("GET /chat/ws 101")).isEqualTo(before + 1));
    }
    assertThat(lines.events.stream().map(e -> e.getFormattedMessage()))
        .noneMatch(line -> line.startsWith("GET /chat/ws 200"));
    long refused = count("GET /chat/ws 401");
    assertThat(WsClient.upgradeStatus(api.base(), "/chat/ws?token=not-a-token")).isEqualTo(401);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(count("GET /chat/ws 401")).isEqualTo(refused + 1));
  }

  /** How many access lines, without their durations, read exactly {@code line}. */
  private long count(String line) {
    return lines.events.stream()
        .map(e -> e.getFormattedMessage().replaceFirst(" \\d+ms$", ""))
        .filter(line::equals)
        .count();
  }

  /** Last: the node drains from here on, and refuses upgrades. */
  @Test
  @Order(Integer.MAX_VALUE)
  void aFailingReadinessIsLoggedAs503() {
    assertLogged("/health/readiness", null, 200);
    drain.begin();
    assertLogged("/health/readiness", null, 503);
    assertLogged("/health", null, 503);
    assertLogged("/health/liveness", null, 200);
  }
}
