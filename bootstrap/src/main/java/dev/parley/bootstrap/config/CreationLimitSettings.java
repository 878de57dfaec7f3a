package dev.parley.bootstrap.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/** How many servers, channels and invites users may create before creation answers 409. */
@ConfigurationProperties("parley.limits")
public class CreationLimitSettings {
  private int serversPerOwner = 100;
  private int channelsPerServer = 500;
  private int invitesPerServer = 1000;

  public int getServersPerOwner() {
    return serversPerOwner;
  }

  public void setServersPerOwner(int serversPerOwner) {
    this.serversPerOwner = serversPerOwner;
  }

  /** Rooms included. */
  public int getChannelsPerServer() {
    return channelsPerServer;
  }

  public void setChannelsPerServer(int channelsPerServer) {
    this.channelsPerServer = channelsPerServer;
  }

  /** Usable ones: expired, used-up and revoked invites do not count. */
  public int getInvitesPerServer() {
    return invitesPerServer;
  }

  public void setInvitesPerServer(int invitesPerServer) {
    this.invitesPerServer = invitesPerServer;
  }
}
