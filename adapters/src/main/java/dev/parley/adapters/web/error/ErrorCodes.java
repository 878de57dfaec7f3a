package dev.parley.adapters.web.error;

import dev.parley.domain.error.DomainError;
import io.micronaut.http.HttpStatus;

/** Maps domain error kinds and HTTP statuses to the wire's error codes, in one place. */
public final class ErrorCodes {
  private ErrorCodes() {}

  public static HttpStatus status(DomainError.Kind kind) {
    return switch (kind) {
      case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
      case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
      case FORBIDDEN -> HttpStatus.FORBIDDEN;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case CONFLICT -> HttpStatus.CONFLICT;
      case TOO_LARGE -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
      case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
      case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
    };
  }

  public static String code(HttpStatus status) {
    return switch (status) {
      case BAD_REQUEST -> "invalid_input";
      case UNAUTHORIZED -> "unauthorized";
      case FORBIDDEN -> "forbidden";
      case NOT_FOUND -> "not_found";
      case METHOD_NOT_ALLOWED -> "method_not_allowed";
      case NOT_ACCEPTABLE -> "not_acceptable";
      case CONFLICT -> "conflict";
      case REQUEST_ENTITY_TOO_LARGE -> "payload_too_large";
      case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
      case TOO_MANY_REQUESTS -> "rate_limited";
      case SERVICE_UNAVAILABLE -> "unavailable";
      default -> status.getCode() >= 500 ? "internal_error" : "http_" + status.getCode();
    };
  }
}
