package dev.parley.adapters.web.error;

import dev.parley.domain.error.DomainError;
import dev.parley.domain.error.RateLimited;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Turns a domain rule violation into the error shape with the matching status. */
@Produces
@Singleton
@Requires(classes = {DomainError.class, ExceptionHandler.class})
public class DomainErrorHandler implements ExceptionHandler<DomainError, HttpResponse<ErrorBody>> {

  @Override
  public HttpResponse<ErrorBody> handle(HttpRequest request, DomainError error) {
    HttpStatus status = ErrorCodes.status(error.kind());
    MutableHttpResponse<ErrorBody> response =
        HttpResponse.<ErrorBody>status(status)
            .body(ErrorBody.of(ErrorCodes.code(status), error.getMessage()));
    if (status == HttpStatus.UNAUTHORIZED) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    if (error instanceof RateLimited limited) {
      response.header(
          HttpHeaders.RETRY_AFTER, Long.toString(Refusals.retryAfterSeconds(limited.retryAfter())));
    }
    return response;
  }
}
