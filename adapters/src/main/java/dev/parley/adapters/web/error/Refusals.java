package dev.parley.adapters.web.error;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.time.Duration;

/** The uniform JSON error answer for requests a filter refuses before any route runs. */
public final class Refusals {
  private Refusals() {}

  public static MutableHttpResponse<ErrorBody> of(HttpStatus status, String message) {
    return HttpResponse.<ErrorBody>status(status)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(ErrorBody.of(ErrorCodes.code(status), message));
  }

  /** A 429 telling the client how long to wait, in whole seconds (at least one). */
  public static MutableHttpResponse<ErrorBody> rateLimited(String message, Duration retryAfter) {
    return of(HttpStatus.TOO_MANY_REQUESTS, message)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(retryAfter)));
  }

  /** Seconds to wait, rounded up so a client never retries too early. */
  public static long retryAfterSeconds(Duration wait) {
    long millis = Math.max(0, wait.toMillis());
    return Math.max(1, (millis + 999) / 1000);
  }
}
