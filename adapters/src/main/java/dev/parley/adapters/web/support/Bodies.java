package dev.parley.adapters.web.support;

import dev.parley.domain.error.InvalidInput;

/** Request-body checks shared by the controllers. */
public final class Bodies {
  private Bodies() {}

  /** The body, or a 400 saying it is missing. */
  public static <T> T require(T body) {
    if (body == null) {
      throw new InvalidInput("body", "request body is required");
    }
    return body;
  }
}
