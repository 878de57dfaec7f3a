package dev.parley.application.port.out;

import dev.parley.domain.user.RawPassword;

/** One-way password hashing; implementations are slow on purpose and must run off event loops. */
public interface PasswordHasher {
  String hash(RawPassword password);

  boolean matches(RawPassword password, String hash);
}
