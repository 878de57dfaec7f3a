package dev.parley.adapters;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import java.util.List;

/**
 * Which requests are real WebSocket upgrades on Parley's socket routes. Shared by the web filters
 * and the token validator, which may not depend on each other; tickets and query tokens are only
 * ever good for such a request.
 */
public final class SocketRoutes {
  /** Path prefixes of the socket endpoints, each ending in '/'. */
  public static final List<String> PREFIXES = List.of("/chat/ws/", "/ws/", "/api/chat/ws/");

  private SocketRoutes() {}

  /** True for a path on one of the socket routes ({@code /chat/ws} itself included). */
  public static boolean isSocketPath(String path) {
    if (path == null) {
      return false;
    }
    String slashed = path.endsWith("/") ? path : path + "/";
    return PREFIXES.stream().anyMatch(slashed::startsWith);
  }

  /** True for a GET carrying {@code Upgrade: websocket} to a socket route. */
  public static boolean isUpgrade(HttpRequest<?> request) {
    if (request == null || request.getMethod() != HttpMethod.GET) {
      return false;
    }
    String upgrade = request.getHeaders().get(HttpHeaders.UPGRADE);
    return upgrade != null
        && upgrade.equalsIgnoreCase("websocket")
        && isSocketPath(request.getPath());
  }
}
