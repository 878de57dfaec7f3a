package dev.parley.adapters.web.error;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Gives errors raised by the framework itself (bad JSON, unknown route, 401 from the security
 * filter, ...) the same {@link ErrorBody} shape. Server errors never echo internal messages.
 */
@Singleton
@Primary
public class UniformErrorResponseProcessor implements ErrorResponseProcessor<ErrorBody> {

  @Override
  public MutableHttpResponse<ErrorBody> processResponse(
      ErrorContext context, MutableHttpResponse<?> response) {
    HttpStatus status = response.getStatus();
    String message;
    if (status.getCode() >= 500) {
      message = "Internal server error";
    } else if (status == HttpStatus.UNAUTHORIZED) {
      message = "Not authenticated: a valid bearer token is required";
    } else if (status == HttpStatus.FORBIDDEN) {
      message = "Forbidden";
    } else {
      message =
          context.getErrors().stream()
              .map(Error::getMessage)
              .findFirst()
              .map(UniformErrorResponseProcessor::clientSafe)
              .orElse(status.getReason());
    }
    if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
      // The server refuses such a body without reading it, and would not read the rest either: a
      // client still sending would hang until the idle timeout. Closing tells it to stop.
      response.header(HttpHeaders.CONNECTION, "close");
    }
    return response
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(ErrorBody.of(ErrorCodes.code(status), message));
  }

  /** Framework messages can quote parser internals; keep their first line, and say JSON plainly. */
  static String clientSafe(String message) {
    if (message == null || message.isBlank()) {
      return "Bad request";
    }
    if (message.startsWith("Invalid JSON")) {
      return "Request body is not valid JSON";
    }
    String firstLine = message.lines().findFirst().orElse(message);
    return firstLine.length() > 200 ? firstLine.substring(0, 200) + "..." : firstLine;
  }
}
