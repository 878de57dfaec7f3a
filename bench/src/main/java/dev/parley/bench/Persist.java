package dev.parley.bench;

/** Placeholder. */
final class Persist {
  private final Bench bench;

  Persist(Bench bench) {
    this.bench = bench;
  }

  void run() {
    throw new UnsupportedOperationException("Persist");
  }
}
