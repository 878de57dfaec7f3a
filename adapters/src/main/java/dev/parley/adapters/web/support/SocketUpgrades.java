package dev.parley.adapters.web.support;

import dev.parley.adapters.SocketRoutes;
import io.micronaut.http.HttpRequest;

/** Recognises WebSocket upgrade requests to Parley's socket endpoints. */
public final class SocketUpgrades {
  private SocketUpgrades() {}

  /** True for a GET {@code Upgrade: websocket} request on one of the socket paths. */
  public static boolean is(HttpRequest<?> request) {
    return SocketRoutes.isUpgrade(request);
  }
}
