package dev.parley.adapters.web.socket;

import dev.parley.adapters.web.error.ErrorCodes;
import dev.parley.adapters.web.error.ServerErrorHandler;
import dev.parley.domain.error.DomainError;
import io.micronaut.serde.annotation.Serdeable;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket's error event on every surface: {@code {"type":"error","message":...}} as the seeds
 * show, plus a stable {@code code} and the {@code nonce} of the frame it answers, if any.
 */
@Serdeable
public record ErrorFrame(String type, String message, String code, String nonce) {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorFrame.class);

  public static ErrorFrame of(DomainError error, String nonce) {
    return new ErrorFrame(
        "error", error.getMessage(), ErrorCodes.code(ErrorCodes.status(error.kind())), nonce);
  }

  public static ErrorFrame of(String code, String message) {
    return new ErrorFrame("error", message, code, null);
  }

  /**
   * The error event for a frame of {@code userId} that failed, echoing its nonce: a domain error as
   * such, a lost database as "unavailable", anything else as an internal error (logged).
   */
  public static ErrorFrame forFailure(Throwable failure, long userId, String nonce) {
    Throwable e =
        failure instanceof CompletionException wrapped && wrapped.getCause() != null
            ? wrapped.getCause()
            : failure;
    if (e instanceof DomainError domain) {
      return of(domain, nonce);
    }
    if (ServerErrorHandler.isDatabaseUnavailable(e)) {
      LOG.warn("Database unavailable for a socket frame of user {}: {}", userId, e.toString());
      return of("unavailable", "The database is unavailable; nothing was done, try again shortly")
          .withNonce(nonce);
    }
    LOG.error("Socket frame failed for user {}", userId, e);
    return of("internal_error", "Internal server error").withNonce(nonce);
  }

  public ErrorFrame withNonce(String nonce) {
    return new ErrorFrame(type, message, code, nonce);
  }
}
