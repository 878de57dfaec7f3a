package dev.parley.adapters.persistence;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on PostgreSQL's {@code parley_access} channel (filled by the V12 triggers) on a
 * connection of its own, outside the pool, and drops from the {@link AccessCache} what each
 * committed change makes stale. The cache answers from memory only while this connection listens:
 * when it breaks, the cache is emptied and bypassed until listening resumes.
 */
@Singleton
public class AccessChangeListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AccessChangeListener.class);

  private final AccessCache cache;
  private final String url;
  private final Properties credentials = new Properties();
  private final Duration retry;
  private final Thread thread;
  private volatile boolean stopped;
  private volatile Connection connection;

  AccessChangeListener(
      AccessCache cache,
      AccessCacheSettings settings,
      @Named("default") DatasourceConfiguration datasource) {
    this.cache = cache;
    // The pool's own settings, as DATABASE_URL or the embedded database set them.
    this.url = datasource.getJdbcUrl();
    this.retry = settings.getRetry();
    String username = datasource.getUsername();
    String password = datasource.getPassword();
    if (username != null && !username.isEmpty()) {
      credentials.setProperty("user", username);
    }
    if (password != null && !password.isEmpty()) {
      credentials.setProperty("password", password);
    }
    // A dead peer surfaces as an error within this bound, not as a silent hang.
    credentials.setProperty("socketTimeout", "30");
    credentials.setProperty("tcpKeepAlive", "true");
    credentials.setProperty("ApplicationName", "parley-access-listener");
    this.thread = new Thread(this::run, "parley-access-listener");
    thread.setDaemon(true);
    if (settings.isEnabled()) {
      thread.start();
    }
  }

  /** The cache this listener keeps current. */
  AccessCache cache() {
    return cache;
  }

  private void run() {
    boolean reported = false;
    while (!stopped) {
      try (Connection c = DriverManager.getConnection(url, credentials)) {
        connection = c;
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN parley_access");
        }
        // Listening before going live: every change committed from here on is heard.
        cache.setLive(true);
        if (reported) {
          LOG.info("Access changes heard again; access checks answered from memory");
          reported = false;
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!stopped) {
          // Waits at most 10 s for announcements; after a quiet wait a query proves the link up.
          PGNotification[] notes = pg.getNotifications(10_000);
          if (notes == null || notes.length == 0) {
            try (Statement s = c.createStatement()) {
              s.execute("SELECT 1");
            }
            continue;
          }
          for (PGNotification note : notes) {
            cache.apply(note.getParameter());
          }
        }
      } catch (SQLException | RuntimeException e) {
        cache.setLive(false);
        if (!stopped && !reported) {
          LOG.warn(
              "Access changes not heard ({}); access checks read the database until they are",
              e.getMessage());
          reported = true;
        }
        sleep();
      } finally {
        connection = null;
      }
    }
    cache.setLive(false);
  }

  private void sleep() {
    try {
      Thread.sleep(retry.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }

  /** Breaks the listening connection, as a lost link would; for tests. */
  void dropConnection() throws SQLException {
    Connection c = connection;
    if (c != null) {
      c.unwrap(PGConnection.class).cancelQuery();
      c.close();
    }
  }

  @Override
  @PreDestroy
  public void close() {
    stopped = true;
    cache.setLive(false);
    thread.interrupt();
    Connection c = connection;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // Closing anyway.
      }
    }
  }
}
