package dev.parley.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import dev.parley.bootstrap.support.Api;
import io.micronaut.json.tree.JsonNode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shipped logback.xml: the human pattern unless PARLEY_LOG_FORMAT=json asks for JSON. */
class ConsoleEncoderTest {
  private LoggerContext context;

  @AfterEach
  void stop() {
    if (context != null) {
      context.stop();
    }
  }

  @Test
  void withoutTheSettingLinesKeepTheHumanPattern() throws JoranException {
    assumeTrue(
        System.getenv(ConsoleEncoder.SETTING) == null
            && System.getProperty(ConsoleEncoder.SETTING) == null,
        "PARLEY_LOG_FORMAT is set for this JVM");
    ConsoleEncoder encoder = configure(null);

    assertThat(encoder.isJson()).isFalse();
    assertThat(encode(encoder, "GET /users/me 200 3ms"))
        .matches(
            "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[main\\] parley\\.access - GET /users/me 200 3ms\\R");
  }

  @Test
  void jsonGivesOneObjectPerLineWithTheMdcFields() throws JoranException {
    ConsoleEncoder encoder = configure("json");

    assertThat(encoder.isJson()).isTrue();
    String line = encode(encoder, "two \"quoted\"\nlines");
    assertThat(line).endsWith("}\n").doesNotContain("}\n{");
    assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
    JsonNode json = Api.parse(line);
    assertThat(json).isNotNull();
    assertThat(json.get("timestamp").isNumber()).isTrue();
    assertThat(json.get("level").getStringValue()).isEqualTo("INFO");
    assertThat(json.get("threadName").getStringValue()).isEqualTo("main");
    assertThat(json.get("loggerName").getStringValue()).isEqualTo("parley.access");
    assertThat(json.get("formattedMessage").getStringValue()).isEqualTo("two \"quoted\"\nlines");
    assertThat(json.get("mdc").get("requestId").getStringValue()).isEqualTo("r-1");
    assertThat(json.get("mdc").get("userId").getStringValue()).isEqualTo("7");
  }

  @Test
  void anUnknownFormatIsTextWithAWarning() throws JoranException {
    ConsoleEncoder encoder = configure("yaml");

    assertThat(encoder.isJson()).isFalse();
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .anySatisfy(
            s -> {
              assertThat(s.getLevel()).isEqualTo(Status.WARN);
              assertThat(s.getMessage()).contains("PARLEY_LOG_FORMAT=yaml");
            });
  }

  /** The console encoder of bootstrap's logback.xml, configured with {@code format} if given. */
  private ConsoleEncoder configure(String format) throws JoranException {
    URL shipped = getClass().getClassLoader().getResource("logback.xml");
    assertThat(shipped).isNotNull();
    assertThat(shipped.getPath()).endsWith("/classes/logback.xml");
    context = new LoggerContext();
    if (format != null) {
      // Logback looks up its own properties before system properties and the environment.
      context.putProperty(ConsoleEncoder.SETTING, format);
    }
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(shipped);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    var console = (ConsoleAppender<?>) root.getAppender("STDOUT");
    return (ConsoleEncoder) console.getEncoder();
  }

  private String encode(ConsoleEncoder encoder, String message) {
    Logger logger = context.getLogger("parley.access");
    LoggingEvent event = new LoggingEvent(Logger.FQCN, logger, Level.INFO, message, null, null);
    event.setThreadName("main");
    event.setMDCPropertyMap(Map.of("requestId", "r-1", "userId", "7"));
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }
}
