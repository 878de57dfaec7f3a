package dev.parley.bootstrap;

import io.micronaut.runtime.Micronaut;

/** Starts Parley. */
public final class Parley {
  private Parley() {}

  public static void main(String[] args) {
    try {
      Micronaut.build(args).mainClass(Parley.class).banner(false).start();
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      // A refused configuration is the operator's to fix: say why, without a stack trace.
      if (root instanceof dev.parley.bootstrap.config.StartupRefused refused) {
        System.err.println("Parley cannot start: " + refused.getMessage());
        System.exit(2);
      }
      throw e;
    }
  }
}
