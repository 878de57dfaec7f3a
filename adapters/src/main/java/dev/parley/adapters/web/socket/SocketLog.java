package dev.parley.adapters.web.socket;

import dev.parley.adapters.web.support.LogContext;
import dev.parley.adapters.web.support.LoggedPath;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.http.HttpRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A socket's two lifecycle lines, which tie its connection id to its upgrade request's id. */
final class SocketLog {
  private static final Logger LOG = LoggerFactory.getLogger("parley.socket");

  private SocketLog() {}

  /** Logged on the event loop, where no connection fields are set: they are set for this line. */
  static void opened(SocketConnection connection, HttpRequest<?> upgrade) {
    log(
        LogContext.ofUpgrade(connection.id(), connection.userId(), upgrade),
        "Socket opened on {}",
        LoggedPath.of(upgrade));
  }

  static void closed(SocketConnection connection) {
    log(
        LogContext.ofConnection(connection.id(), connection.userId()),
        "Socket closed; {} best-effort events were shed",
        connection.droppedEvents());
  }

  private static void log(MdcPropagationContext fields, String message, Object argument) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    Map<String, String> previous = fields.updateThreadContext();
    try {
      LOG.info(message, argument);
    } finally {
      fields.restoreThreadContext(previous);
    }
  }
}
