package dev.parley.adapters.web.error;

import dev.parley.adapters.web.support.LoggedPath;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last resort for unexpected exceptions (more specific handlers win): a lost database is a 503 the
 * client may retry, anything else a logged 500. Neither puts SQL or a stack trace on the wire.
 */
@Produces
@Singleton
public class ServerErrorHandler
    implements ExceptionHandler<RuntimeException, HttpResponse<ErrorBody>> {
  private static final Logger LOG = LoggerFactory.getLogger(ServerErrorHandler.class);

  @Override
  public HttpResponse<ErrorBody> handle(HttpRequest request, RuntimeException error) {
    if (isDatabaseUnavailable(error)) {
      LOG.warn(
          "Database unavailable on {} {}: {}",
          request.getMethod(),
          LoggedPath.of(request),
          error.toString());
      return HttpResponse.<ErrorBody>status(HttpStatus.SERVICE_UNAVAILABLE)
          .body(ErrorBody.of("unavailable", "The database is unavailable; try again shortly"));
    }
    LOG.error("Unexpected error on {} {}", request.getMethod(), LoggedPath.of(request), error);
    return HttpResponse.<ErrorBody>status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(ErrorBody.of("internal_error", "Internal server error"));
  }

  /** Connection failures: SQLSTATE class 08, server shutdown (57P), no connection to be had. */
  public static boolean isDatabaseUnavailable(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof ConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P")) {
          return true;
        }
      }
    }
    return false;
  }
}
