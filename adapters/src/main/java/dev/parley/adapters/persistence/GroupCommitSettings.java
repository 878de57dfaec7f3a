package dev.parley.adapters.persistence;

import io.micronaut.context.annotation.ConfigurationProperties;

/** Whether concurrent sends share one transaction, and how many at most. */
@ConfigurationProperties("parley.messages.group-commit")
public class GroupCommitSettings {
  private boolean enabled = true;
  private int maxBatch = 256;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public int getMaxBatch() {
    return maxBatch;
  }

  public void setMaxBatch(int maxBatch) {
    this.maxBatch = maxBatch;
  }
}
