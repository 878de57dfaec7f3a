package dev.parley.adapters.storage;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

/** Upload limits, the allowed file types, and when unsent or deleted files are swept. */
@ConfigurationProperties("parley.attachments")
public class AttachmentSettings {
  private long maxBytes = 8L * 1024 * 1024;
  private List<String> allowedTypes = List.of();
  private long maxBytesPerUser = 1024L * 1024 * 1024;
  private Duration orphanTtl = Duration.ofHours(24);
  private Duration cleanupInterval = Duration.ofHours(1);

  /**
   * micronaut.server.max-request-size and multipart.max-file-size (application.yml) must stay a
   * little above this, so that this limit is the one that answers.
   */
  public long getMaxBytes() {
    return maxBytes;
  }

  public void setMaxBytes(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Empty: the built-in list; otherwise it replaces that list. */
  public List<String> getAllowedTypes() {
    return allowedTypes;
  }

  public void setAllowedTypes(List<String> allowedTypes) {
    // A comma-separated environment variable may carry blanks around and between its entries.
    this.allowedTypes =
        allowedTypes == null
            ? List.of()
            : allowedTypes.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
  }

  public long getMaxBytesPerUser() {
    return maxBytesPerUser;
  }

  public void setMaxBytesPerUser(long maxBytesPerUser) {
    this.maxBytesPerUser = maxBytesPerUser;
  }

  public Duration getOrphanTtl() {
    return orphanTtl;
  }

  public void setOrphanTtl(Duration orphanTtl) {
    this.orphanTtl = orphanTtl;
  }

  public Duration getCleanupInterval() {
    return cleanupInterval;
  }

  public void setCleanupInterval(Duration cleanupInterval) {
    this.cleanupInterval = cleanupInterval;
  }
}
