package dev.parley.bench;

/** Placeholder. */
final class Login {
  private final Bench bench;

  Login(Bench bench) {
    this.bench = bench;
  }

  void run() {
    throw new UnsupportedOperationException("Login");
  }
}
