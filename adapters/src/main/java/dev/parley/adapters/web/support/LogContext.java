package dev.parley.adapters.web.support;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** The MDC fields that tie a log line to its HTTP request, its socket and its user. */
public final class LogContext {
  public static final String REQUEST_ID = "requestId";
  public static final String CONNECTION_ID = "connectionId";
  public static final String USER_ID = "userId";
  public static final String HEADER = "X-Request-Id";

  private static final String ATTRIBUTE = "parley.request-id";
  // A client's id is reused only when it cannot smuggle anything into a log line (no spaces, no
  // quotes, no line breaks) and is too short to be a token.
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private LogContext() {}

  /** The request's id: the client's {@code X-Request-Id} if safe, else a new one; kept on it. */
  static String assignRequestId(HttpRequest<?> request) {
    String offered = request.getHeaders().get(HEADER);
    String id =
        offered != null && SAFE_ID.matcher(offered).matches()
            ? offered
            : String.format("%016x", ThreadLocalRandom.current().nextLong());
    request.setAttribute(ATTRIBUTE, id);
    return id;
  }

  /** The id {@link RequestLogFilter} gave the request, if it went through it. */
  public static Optional<String> requestId(HttpRequest<?> request) {
    return request.getAttribute(ATTRIBUTE, String.class);
  }

  /** The authenticated user's id, once the security filter has run; empty when anonymous. */
  static Optional<String> userId(HttpRequest<?> request) {
    return request
        .getUserPrincipal(Authentication.class)
        .map(Authentication::getName)
        // Only Parley's own numeric ids: anything else is not known to be safe to log.
        .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit));
  }

  /** The request's fields: its id, and its user where known. */
  static MdcPropagationContext ofRequest(HttpRequest<?> request) {
    Map<String, String> fields = new HashMap<>(2);
    requestId(request).ifPresent(id -> fields.put(REQUEST_ID, id));
    userId(request).ifPresent(id -> fields.put(USER_ID, id));
    return new MdcPropagationContext(fields);
  }

  /** A socket's fields: its connection id and its user. */
  public static MdcPropagationContext ofConnection(String connectionId, long userId) {
    return new MdcPropagationContext(
        Map.of(CONNECTION_ID, connectionId, USER_ID, Long.toString(userId)));
  }

  /** A socket's fields and the id of the upgrade request that opened it. */
  public static MdcPropagationContext ofUpgrade(
      String connectionId, long userId, HttpRequest<?> upgrade) {
    Map<String, String> fields = new HashMap<>(ofConnection(connectionId, userId).state());
    requestId(upgrade).ifPresent(id -> fields.put(REQUEST_ID, id));
    return new MdcPropagationContext(fields);
  }
}
