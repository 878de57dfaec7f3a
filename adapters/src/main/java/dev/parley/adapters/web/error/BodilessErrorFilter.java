package dev.parley.adapters.web.error;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;

/**
 * Gives client errors that framework filters answer without a body the uniform {@link ErrorBody}:
 * Micronaut's CORS filter refuses a foreign origin (or a method or header it does not allow) with a
 * bare 403, which would otherwise leave the client guessing.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class BodilessErrorFilter implements HttpServerFilter {

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    if (request.getMethod() == HttpMethod.HEAD) {
      return chain.proceed(request);
    }
    return Publishers.map(
        chain.proceed(request),
        response -> {
          HttpStatus status = response.getStatus();
          if (status.getCode() < 400 || status.getCode() >= 500 || response.getBody().isPresent()) {
            return response;
          }
          String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
          String message =
              status == HttpStatus.FORBIDDEN && origin != null
                  ? "Cross-origin request refused: origin "
                      + printable(origin)
                      + " is not allowed (see parley.security.allowed-origins), or its method or"
                      + " headers are not"
                  : status.getReason();
          return response
              .contentType(MediaType.APPLICATION_JSON_TYPE)
              .body(ErrorBody.of(ErrorCodes.code(status), message));
        });
  }

  private static String printable(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", "");
    return clean.length() > 100 ? clean.substring(0, 100) + "..." : clean;
  }

  /** Outside the CORS filter (whose refusals it completes), inside the security headers. */
  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.order() + 1;
  }
}
