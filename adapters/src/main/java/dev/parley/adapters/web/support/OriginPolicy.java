package dev.parley.adapters.web.support;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which browser origins may open sockets and read REST answers: an exact allow-list, plus any
 * {@code http://localhost:<port>} and {@code http://127.0.0.1:<port>} page in local mode, or
 * everything when explicitly asked for. Same-origin pages are always welcome.
 */
public final class OriginPolicy {
  /** Pages served from this machine on any port; only trusted when running locally. */
  public static final String LOCAL_ORIGINS_REGEX = "http://(localhost|127\\.0\\.0\\.1)(:\\d{1,5})?";

  private static final Pattern LOCAL = Pattern.compile(LOCAL_ORIGINS_REGEX);

  private final List<String> exact;
  private final boolean allowLocal;
  private final boolean allowAny;

  private OriginPolicy(List<String> exact, boolean allowLocal, boolean allowAny) {
    this.exact = List.copyOf(exact);
    this.allowLocal = allowLocal;
    this.allowAny = allowAny;
  }

  /**
   * Checks and normalises the configured origins.
   *
   * @param configured exact origins such as {@code https://app.example.com}
   * @param allowAny whether any origin is allowed (the only way {@code *} is accepted)
   * @param allowLocal whether local pages ({@link #LOCAL_ORIGINS_REGEX}) are allowed
   * @throws IllegalArgumentException naming the entry that is not an exact origin
   */
  public static OriginPolicy of(List<String> configured, boolean allowAny, boolean allowLocal) {
    List<String> exact = new ArrayList<>();
    for (String entry : configured == null ? List.<String>of() : configured) {
      if (entry == null || entry.isBlank()) {
        continue;
      }
      String origin = entry.strip();
      if (origin.equals("*")) {
        if (!allowAny) {
          throw new IllegalArgumentException(
              "parley.security.allowed-origins may not contain '*'; list exact origins, or set"
                  + " parley.security.allow-any-origin: true if any website may really use this"
                  + " server");
        }
        continue;
      }
      exact.add(normalise(origin));
    }
    return new OriginPolicy(exact, allowLocal, allowAny);
  }

  private static String normalise(String origin) {
    String candidate = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    URI uri;
    try {
      uri = URI.create(candidate);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null
        || uri.getScheme() == null
        || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || !uri.getRawPath().isEmpty()
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "parley.security.allowed-origins entry '"
              + origin
              + "' is not an origin: expected scheme://host[:port] such as"
              + " https://app.example.com, without a path");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort() == defaultPort(scheme) ? -1 : uri.getPort();
    // Browsers send scheme and host in lower case and leave default ports out.
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port);
  }

  private static int defaultPort(String scheme) {
    return switch (scheme) {
      case "http", "ws" -> 80;
      case "https", "wss" -> 443;
      default -> -1;
    };
  }

  /** Whether a page from {@code origin} may use this server across origins. */
  public boolean allows(String origin) {
    if (origin == null || origin.equals("null")) {
      // "null" is what sandboxed frames and local files send: never a page we can vouch for.
      return false;
    }
    return allowAny || exact.contains(origin) || (allowLocal && LOCAL.matcher(origin).matches());
  }

  /**
   * Whether {@code origin} names the same host and port the request was sent to (its {@code Host}
   * header): the page came from this server. The scheme is not compared, since a TLS-terminating
   * proxy forwards {@code https} pages over plain HTTP.
   */
  public static boolean sameOrigin(String origin, String hostHeader) {
    if (origin == null || hostHeader == null || hostHeader.isBlank()) {
      return false;
    }
    URI uri;
    try {
      uri = URI.create(origin);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      return false;
    }
    int dflt = defaultPort(uri.getScheme().toLowerCase(Locale.ROOT));
    String fromOrigin = authority(uri.getHost(), uri.getPort(), dflt);
    Optional<String> fromHost = hostAuthority(hostHeader.strip(), dflt);
    return fromHost.map(fromOrigin::equals).orElse(false);
  }

  private static Optional<String> hostAuthority(String host, int defaultPort) {
    try {
      URI uri = URI.create("http://" + host);
      if (uri.getHost() == null || uri.getRawPath() == null || !uri.getRawPath().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(authority(uri.getHost(), uri.getPort(), defaultPort));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String authority(String host, int port, int defaultPort) {
    String h = host.toLowerCase(Locale.ROOT);
    return port < 0 || port == defaultPort ? h : h + ":" + port;
  }

  /** The exact origins allowed, normalised. */
  public List<String> exactOrigins() {
    return exact;
  }

  /** Whether local pages on any port are allowed. */
  public boolean allowsLocal() {
    return allowLocal;
  }

  /** Whether every origin is allowed. */
  public boolean allowsAny() {
    return allowAny;
  }

  @Override
  public String toString() {
    if (allowAny) {
      return "any origin";
    }
    List<String> all = new ArrayList<>(exact);
    if (allowLocal) {
      all.add("http://localhost:*");
      all.add("http://127.0.0.1:*");
    }
    return all.isEmpty() ? "same-origin only" : String.join(", ", all);
  }
}
