package dev.parley.application.service;

import dev.parley.domain.error.DomainError;
import dev.parley.domain.user.Username;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Names for accounts of the external issuer. The {@code ext-} form is theirs alone (local sign-up
 * refuses it), so the derived name cannot be squatted; when even the preferred and derived names
 * are taken, a suffixed or random one is tried, so provisioning never fails on a name.
 */
final class ExternalNames {
  /** Names starting with this (ignoring case) are reserved for external identities. */
  static final String PREFIX = "ext-";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SUFFIXED = 8;
  private static final int RANDOM_TRIES = 8;

  private ExternalNames() {}

  /** Whether {@code name} is in the reserved form. */
  static boolean isReserved(Username name) {
    return name.key().startsWith(PREFIX);
  }

  /**
   * The names to try, in order: the claimed one (when valid and not in the reserved form), the
   * derived one, the derived one with -2..-9, then random ones.
   */
  static List<Username> candidates(String issuer, String subject, String claimed) {
    List<Username> names = new ArrayList<>();
    if (claimed != null) {
      try {
        Username wanted = new Username(claimed);
        if (!isReserved(wanted)) {
          names.add(wanted);
        }
      } catch (DomainError invalid) {
        // not a valid name here: only the derived ones
      }
    }
    String derived = PREFIX + Secrets.hash(issuer + "\n" + subject).substring(0, 16);
    names.add(new Username(derived));
    for (int n = 2; n < 2 + SUFFIXED; n++) {
      names.add(new Username(derived + "-" + n));
    }
    for (int i = 0; i < RANDOM_TRIES; i++) {
      byte[] bytes = new byte[12];
      RANDOM.nextBytes(bytes);
      names.add(new Username(PREFIX + HexFormat.of().formatHex(bytes).toLowerCase(Locale.ROOT)));
    }
    return names;
  }
}
