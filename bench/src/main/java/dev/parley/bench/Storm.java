package dev.parley.bench;

/** Placeholder. */
final class Storm {
  private final Bench bench;

  Storm(Bench bench) {
    this.bench = bench;
  }

  void run() {
    throw new UnsupportedOperationException("Storm");
  }
}
