package dev.parley.adapters.web.socket;

import dev.parley.adapters.web.error.ErrorCodes;
import dev.parley.domain.error.DomainError;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The socket's error event on every surface: {@code {"type":"error","message":...}} as the seeds
 * show, plus a stable {@code code} and the {@code nonce} of the frame it answers, if any.
 */
@Serdeable
public record ErrorFrame(String type, String message, String code, String nonce) {

  public static ErrorFrame of(DomainError error, String nonce) {
    return new ErrorFrame(
        "error", error.getMessage(), ErrorCodes.code(ErrorCodes.status(error.kind())), nonce);
  }

  public static ErrorFrame of(String code, String message) {
    return new ErrorFrame("error", message, code, null);
  }

  public ErrorFrame withNonce(String nonce) {
    return new ErrorFrame(type, message, code, nonce);
  }
}
