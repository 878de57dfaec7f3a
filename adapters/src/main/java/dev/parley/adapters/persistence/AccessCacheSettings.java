package dev.parley.adapters.persistence;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** The access checks answered from memory ({@link AccessCache}) and their announcement link. */
@ConfigurationProperties("parley.access-cache")
public class AccessCacheSettings {
  private boolean enabled = true;
  private Duration maxAge = Duration.ofSeconds(60);
  private int maxUsers = 100_000;
  private Duration retry = Duration.ofSeconds(1);

  /** Off, nothing listens, so the cache is never live and every check reads the database. */
  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** A bound on any staleness the announcements could miss. */
  public Duration getMaxAge() {
    return maxAge;
  }

  public void setMaxAge(Duration maxAge) {
    this.maxAge = maxAge;
  }

  /** Past this many users' entries everything is dropped, bounding the memory. */
  public int getMaxUsers() {
    return maxUsers;
  }

  public void setMaxUsers(int maxUsers) {
    this.maxUsers = maxUsers;
  }

  /** The wait before listening again after the announcement connection broke. */
  public Duration getRetry() {
    return retry;
  }

  public void setRetry(Duration retry) {
    this.retry = retry;
  }
}
