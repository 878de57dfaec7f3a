package dev.parley.domain.message;

import dev.parley.domain.error.InvalidInput;

/** A client-chosen token that makes a send idempotent: 1–64 printable ASCII characters. */
public final class Nonce {
  public static final int MAX = 64;

  private Nonce() {}

  /** The nonce, or null when none was given. */
  public static String valid(String nonce) {
    if (nonce == null || nonce.isEmpty()) {
      return null;
    }
    if (nonce.length() > MAX || !nonce.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new InvalidInput("nonce", "nonce must be 1 to " + MAX + " printable ASCII characters");
    }
    return nonce;
  }
}
