package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.parley.adapters.web.support.LogContext;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.SecretTraffic;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Whatever is logged while clients use secrets contains none of them, in the text format. */
@MicronautTest(transactional = false)
class LogHygieneTest extends ApiTestBase {
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private Logger root;

  @BeforeEach
  void capture() {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    captured.list.clear();
    captured.start();
    root.addAppender(captured);
  }

  @AfterEach
  void release() {
    root.detachAppender(captured);
  }

  @Test
  void tokensPasswordsTicketsInvitesAndMessageTextNeverReachTheLogs() {
    SecretTraffic.Secrets used = SecretTraffic.run(api);

    List<String> lines =
        captured.list.stream()
            .map(
                e ->
                    e.getFormattedMessage()
                        + " "
                        + e.getThrowableProxy()
                        + " "
                        + e.getMDCPropertyMap())
            .toList();
    assertThat(lines).as("something was logged").isNotEmpty();
    assertThat(lines).anyMatch(l -> l.contains("/chat/ws"));
    for (String line : lines) {
      for (String secret : used.values()) {
        assertThat(line).doesNotContain(secret);
      }
    }
    assertThat(lines).anyMatch(l -> l.contains("/chat/invites/***/join"));
  }

  @Test
  void accessAndSocketLinesCarryTheirIdsInTheMdc() {
    SecretTraffic.run(api);

    List<ILoggingEvent> access =
        captured.list.stream().filter(e -> e.getLoggerName().equals("parley.access")).toList();
    assertThat(access).isNotEmpty();
    assertThat(access)
        .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsKey(LogContext.REQUEST_ID));
    assertThat(access)
        .anySatisfy(e -> assertThat(e.getMDCPropertyMap()).containsKey(LogContext.USER_ID));
    List<ILoggingEvent> sockets =
        captured.list.stream().filter(e -> e.getLoggerName().equals("parley.socket")).toList();
    assertThat(sockets).isNotEmpty();
    assertThat(sockets)
        .allSatisfy(
            e ->
                assertThat(e.getMDCPropertyMap())
                    .containsKeys(LogContext.CONNECTION_ID, LogContext.USER_ID));
  }
}
