package dev.parley.application.port.out;

import dev.parley.domain.server.Membership;
import java.util.List;
import java.util.Optional;

/** Stores who belongs to which server, in which role. */
public interface MembershipRepository {

  /** A membership with the member's username. */
  record Member(Membership membership, String username) {}

  /** Adds the membership, or throws {@link dev.parley.domain.error.Conflict} if it exists. */
  void add(Membership membership);

  Optional<Membership> find(long serverId, long userId);

  /** Stores a changed role or timeout of an existing membership. */
  Membership update(Membership membership);

  /** Removes the membership; false when there was none. */
  boolean remove(long serverId, long userId);

  /** The members of a server, in joining order. */
  List<Member> list(long serverId);

  /** The ids of the servers a user belongs to. */
  List<Long> serverIdsOf(long userId);

  /** The user's servers that have at most {@code maxMembers} members, by id. */
  List<Long> smallServerIdsOf(long userId, int maxMembers);
}
