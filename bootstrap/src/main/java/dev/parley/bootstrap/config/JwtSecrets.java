package dev.parley.bootstrap.config;

import dev.parley.adapters.security.SecretStrength;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Decides which HS256 secret signs tokens, and refuses weak ones. */
public final class JwtSecrets {
  /** HS256 needs a key of at least 256 bits (RFC 7518 section 3.2). */
  public static final int MIN_BYTES = SecretStrength.MIN_BYTES;

  private JwtSecrets() {}

  /** Why {@code secret} may not sign tokens, or null when it is acceptable. */
  public static String weakness(String secret) {
    // One rule for Parley's secret and the external issuer's (checked by the token validator).
    return SecretStrength.weakness(secret);
  }

  /** A configured secret, checked; never echoed in the error. */
  public static String requireStrong(String secret) {
    String weakness = weakness(secret);
    if (weakness != null) {
      throw new StartupRefused(
          "PARLEY_JWT_SECRET is too weak: "
              + weakness
              + ". Generate one with: openssl rand -base64 48");
    }
    return secret;
  }

  /** The data directory's secret, generated once (256 random bits) and kept owner-readable. */
  public static String loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve("jwt-secret");
    try {
      if (Files.exists(file)) {
        return requireStrong(Files.readString(file, StandardCharsets.UTF_8).strip());
      }
      Files.createDirectories(dataDir);
      byte[] key = new byte[48];
      new SecureRandom().nextBytes(key);
      String secret = Base64.getEncoder().encodeToString(key);
      Path temp = Files.createTempFile(dataDir, "jwt-secret", ".tmp");
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the directory's ACL applies.
      }
      Files.writeString(temp, secret, StandardCharsets.UTF_8);
      Files.move(temp, file);
      return secret;
    } catch (IOException e) {
      throw new StartupRefused("cannot read or create " + file + ": " + e.getMessage());
    }
  }
}
