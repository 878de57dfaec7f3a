package dev.parley.bench;

/** Placeholder. */
final class History {
  private final Bench bench;

  History(Bench bench) {
    this.bench = bench;
  }

  void run() {
    throw new UnsupportedOperationException("History");
  }
}
