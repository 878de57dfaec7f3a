package dev.parley.adapters.web.socket;

/** Frames one socket had refused for the rate, counted per one-second window. */
final class RefusalWindow {
  private int refused;
  private long windowStart;

  /** Counts a refused frame; returns how many were refused in the current one-second window. */
  synchronized int count() {
    long now = System.nanoTime();
    if (now - windowStart > 1_000_000_000L) {
      windowStart = now;
      refused = 0;
    }
    return ++refused;
  }
}
