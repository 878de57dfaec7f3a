package dev.parley.bootstrap.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** The console's encoder: logback.xml's pattern, or one JSON object per line if asked for. */
public class ConsoleEncoder extends PatternLayoutEncoder {
  public static final String SETTING = "PARLEY_LOG_FORMAT";

  private JsonEncoder json;

  @Override
  public void start() {
    // Decided here rather than by an <if> in logback.xml: Micronaut AOT's logback.xml-to-Java step
    // knows appenders, encoders and loggers but not <if>. This way the XML, the AOT-compiled
    // configuration and a Micronaut logging refresh (which reloads it) all choose alike.
    String format = requested();
    if (format.equalsIgnoreCase("json")) {
      json = new JsonEncoder();
      json.setContext(getContext());
      // Timestamp, level, thread, logger, MDC, formatted message and throwable: what a log
      // pipeline indexes. The raw "{}" template, its arguments and the sequence numbers are not.
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.setWithContext(false);
      json.setWithMarkers(false);
      json.setWithKVPList(false);
      json.setWithMessage(false);
      json.setWithArguments(false);
      json.setWithFormattedMessage(true);
      json.start();
    } else if (!format.equalsIgnoreCase("text")) {
      addWarn(SETTING + "=" + format + " is neither text nor json: logging text");
    }
    super.start();
  }

  /** The format asked for: Logback's property, else the system property, else the environment. */
  private String requested() {
    String value = getContext() == null ? null : getContext().getProperty(SETTING);
    if (value == null) {
      value = System.getProperty(SETTING);
    }
    if (value == null) {
      value = System.getenv(SETTING);
    }
    return value == null || value.isBlank() ? "text" : value.trim();
  }

  /** Whether lines are written as JSON (decided at {@link #start()}). */
  public boolean isJson() {
    return json != null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return json != null ? json.encode(event) : super.encode(event);
  }

  @Override
  public byte[] headerBytes() {
    return json != null ? json.headerBytes() : super.headerBytes();
  }

  @Override
  public byte[] footerBytes() {
    return json != null ? json.footerBytes() : super.footerBytes();
  }

  @Override
  public void stop() {
    if (json != null) {
      json.stop();
      json = null;
    }
    super.stop();
  }
}
