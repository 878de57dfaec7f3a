package dev.parley.adapters.web.support;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The address a request came from, for per-address limits: the TCP peer, or, only when {@code
 * parley.security.trust-forwarded-for} says a proxy sits in front, the last {@code X-Forwarded-For}
 * entry (the one that proxy appended; earlier ones are the client's to invent).
 */
@Singleton
public class ClientAddress {
  private final boolean trustForwardedFor;

  @Inject
  ClientAddress(WebSecuritySettings settings) {
    this(settings.isTrustForwardedFor());
  }

  ClientAddress(boolean trustForwardedFor) {
    this.trustForwardedFor = trustForwardedFor;
  }

  public String of(HttpRequest<?> request) {
    if (trustForwardedFor) {
      List<String> values = request.getHeaders().getAll("X-Forwarded-For");
      for (int i = values.size() - 1; i >= 0; i--) {
        String[] hops = values.get(i).split(",");
        String last = hops[hops.length - 1].strip();
        if (!last.isEmpty()) {
          return last;
        }
      }
    }
    InetSocketAddress remote = request.getRemoteAddress();
    if (remote == null) {
      return "unknown";
    }
    return remote.getAddress() != null
        ? remote.getAddress().getHostAddress()
        : remote.getHostString();
  }
}
