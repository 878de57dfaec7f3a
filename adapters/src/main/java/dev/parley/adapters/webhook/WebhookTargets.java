package dev.parley.adapters.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SSRF rule: only http and https, and never an address of the server's own networks (loopback,
 * private, link-local including cloud metadata, multicast, any-local) unless its host is on the
 * allow-list; a host on the deny-list is always refused. Every address the name resolves to is
 * checked, on creation and again before each delivery.
 */
public final class WebhookTargets {
  private final Set<String> allowed;
  private final Set<String> denied;

  public WebhookTargets(Set<String> allowedHosts, Set<String> deniedHosts) {
    this.allowed = normalized(allowedHosts);
    this.denied = normalized(deniedHosts);
  }

  /** Why the URL may not be a target; empty when it may. */
  public Optional<String> refusal(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return Optional.of("not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("only http and https URLs are allowed");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      return Optional.of("the URL has no host");
    }
    host = bare(host);
    if (denied.contains(host)) {
      return Optional.of("the host " + host + " is on the deny-list");
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return Optional.of("the host " + host + " does not resolve");
    }
    for (InetAddress address : addresses) {
      String literal = bare(address.getHostAddress());
      if (denied.contains(literal)) {
        return Optional.of("the address " + literal + " is on the deny-list");
      }
    }
    if (allowed.contains(host)) {
      return Optional.empty();
    }
    for (InetAddress address : addresses) {
      if (internal(address) && !allowed.contains(bare(address.getHostAddress()))) {
        return Optional.of(
            "the host "
                + host
                + " resolves to "
                + address.getHostAddress()
                + ", an internal address (allow it with parley.webhooks.allowed-hosts)");
      }
    }
    return Optional.empty();
  }

  static boolean internal(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address) {
      // fc00::/7, unique local addresses: Java's isSiteLocalAddress knows only the old fec0::/10.
      if ((b[0] & 0xfe) == 0xfc) {
        return true;
      }
      // An IPv4-mapped address is judged as the IPv4 address it carries.
      if (isMapped(b)) {
        try {
          return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
          return true;
        }
      }
      return false;
    }
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    // 0/8 ("this network"), 100.64/10 (carrier-grade NAT): not on the public internet either.
    return first == 0 || (first == 100 && second >= 64 && second < 128);
  }

  private static boolean isMapped(byte[] b) {
    for (int k = 0; k < 10; k++) {
      if (b[k] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }

  private static String bare(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  private static Set<String> normalized(Set<String> hosts) {
    return hosts.stream()
        .map(String::strip)
        .filter(h -> !h.isEmpty())
        .map(WebhookTargets::bare)
        .collect(Collectors.toUnmodifiableSet());
  }
}
