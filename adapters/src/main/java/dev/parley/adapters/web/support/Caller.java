package dev.parley.adapters.web.support;

import dev.parley.domain.error.InvalidCredentials;
import io.micronaut.security.authentication.Authentication;

/** Reads the calling user's id out of a validated token. */
public final class Caller {
  private Caller() {}

  public static long id(Authentication authentication) {
    if (authentication == null) {
      throw new InvalidCredentials();
    }
    try {
      return Long.parseLong(authentication.getName());
    } catch (NumberFormatException e) {
      throw new InvalidCredentials();
    }
  }
}
