package dev.parley.adapters.web.support;

/**
 * The executor that serves history pages on every REST surface: a fixed pool (by default two
 * threads per core), so that however many readers wait, at most that many page queries run on
 * PostgreSQL at once and the rest of the API keeps its connections (docs/benchmarks.md, "History
 * bulkhead").
 */
public final class HistoryReads {
  /** The executor's name: {@code micronaut.executors.history} configures it. */
  public static final String EXECUTOR = "history";

  private HistoryReads() {}
}
