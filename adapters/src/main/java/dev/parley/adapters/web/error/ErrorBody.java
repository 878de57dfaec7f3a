package dev.parley.adapters.web.error;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The one error shape of every 4xx/5xx: a stable machine {@code error} code and a human {@code
 * message}; {@code detail} repeats the message for clients written against FastAPI backends.
 */
@Serdeable
public record ErrorBody(String error, String message, String detail) {
  public static ErrorBody of(String error, String message) {
    return new ErrorBody(error, message, message);
  }
}
