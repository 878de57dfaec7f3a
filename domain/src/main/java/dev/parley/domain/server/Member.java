package dev.parley.domain.server;

/** A membership with the member's username and whether they are a bot, as member lists show it. */
public record Member(Membership membership, String username, boolean bot) {

  /** A person's membership. */
  public Member(Membership membership, String username) {
    this(membership, username, false);
  }
}
