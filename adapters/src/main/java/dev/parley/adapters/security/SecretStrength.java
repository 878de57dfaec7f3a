package dev.parley.adapters.security;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Whether an HMAC secret is strong enough to sign or verify tokens: Parley's own and the issuer's.
 */
public final class SecretStrength {
  /** HS256 needs a key of at least 256 bits (RFC 7518 section 3.2). */
  public static final int MIN_BYTES = 32;

  private static final List<String> PLACEHOLDERS =
      List.of("change", "secret-key", "your-secret", "placeholder", "example", "xxxxxxxx");

  private SecretStrength() {}

  /** Why {@code secret} may not be used, or null when it is acceptable. */
  public static String weakness(String secret) {
    if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
      return "it is shorter than " + MIN_BYTES + " bytes (256 bits)";
    }
    String lower = secret.toLowerCase(Locale.ROOT);
    for (String placeholder : PLACEHOLDERS) {
      if (lower.contains(placeholder)) {
        return "it looks like a placeholder (contains '" + placeholder + "')";
      }
    }
    if (secret.chars().distinct().count() < 10) {
      return "it repeats too few distinct characters";
    }
    return null;
  }
}
