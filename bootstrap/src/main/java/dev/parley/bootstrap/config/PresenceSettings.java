package dev.parley.bootstrap.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/** Where presence stops fanning out. */
@ConfigurationProperties("parley.presence")
public class PresenceSettings {
  private int largeServerMembers = 250;

  /** Past this many members every connect would reach every member; clients ask instead. */
  public int getLargeServerMembers() {
    return largeServerMembers;
  }

  public void setLargeServerMembers(int largeServerMembers) {
    this.largeServerMembers = largeServerMembers;
  }
}
