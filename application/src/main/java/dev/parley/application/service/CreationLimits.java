package dev.parley.application.service;

import dev.parley.domain.error.Conflict;

/**
 * How much one user or one server may accumulate, so nobody fills the database or every member's
 * channel list: servers a user owns, channels (rooms included) in a server, usable invites of a
 * server. The write rate limit bounds how fast; these bound how much.
 */
public record CreationLimits(int serversPerOwner, int channelsPerServer, int invitesPerServer) {
  /** Discord's figures for servers and channels; invites generous enough for any campaign. */
  public static final CreationLimits DEFAULTS = new CreationLimits(100, 500, 1000);

  public CreationLimits {
    if (serversPerOwner < 1 || channelsPerServer < 1 || invitesPerServer < 1) {
      throw new IllegalArgumentException("creation limits must be positive");
    }
  }

  /** Refuses the next one when {@code current} already reaches {@code limit}. */
  static void require(long current, int limit, String what) {
    if (current >= limit) {
      throw new Conflict("Limit reached: at most " + limit + " " + what);
    }
  }
}
