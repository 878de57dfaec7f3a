package dev.parley.adapters.web.support;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;

/** Recognises WebSocket upgrade requests to Parley's socket endpoints. */
public final class SocketUpgrades {
  private SocketUpgrades() {}

  /** True for an {@code Upgrade: websocket} request on one of the socket paths. */
  public static boolean is(HttpRequest<?> request) {
    String upgrade = request.getHeaders().get(HttpHeaders.UPGRADE);
    if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
      return false;
    }
    String path = request.getPath();
    return SocketQueryTokenReader.SOCKET_PATHS.stream().anyMatch(path::startsWith);
  }
}
