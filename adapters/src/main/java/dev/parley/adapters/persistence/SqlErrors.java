package dev.parley.adapters.persistence;

import java.sql.SQLException;

/** Recognises PostgreSQL error states through whatever exception wraps them. */
final class SqlErrors {
  private SqlErrors() {}

  static boolean isUniqueViolation(Throwable error) {
    return hasState(error, "23505");
  }

  static boolean isForeignKeyViolation(Throwable error) {
    return hasState(error, "23503");
  }

  private static boolean hasState(Throwable error, String state) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
