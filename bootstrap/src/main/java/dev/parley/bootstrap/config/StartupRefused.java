package dev.parley.bootstrap.config;

/** A configuration Parley refuses to run with; the message tells the operator what to change. */
public final class StartupRefused extends RuntimeException {
  public StartupRefused(String message) {
    super(message);
  }
}
