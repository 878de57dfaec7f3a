package dev.parley.application.port.out;

import dev.parley.domain.event.MemberLeft;
import dev.parley.domain.server.Member;
import dev.parley.domain.server.Membership;
import java.util.List;
import java.util.Optional;

/** Stores who belongs to which server, in which role. */
public interface MembershipRepository {

  /**
   * What a user's gateway connections follow: their servers, their conversations and those
   * conversations' threads, by id (a server's threads travel with the server).
   */
  record Reach(List<Long> serverIds, List<Long> conversationIds, List<Long> conversationThreadIds) {
    public Reach {
      serverIds = List.copyOf(serverIds);
      conversationIds = List.copyOf(conversationIds);
      conversationThreadIds = List.copyOf(conversationThreadIds);
    }

    /** A reach without conversation threads. */
    public Reach(List<Long> serverIds, List<Long> conversationIds) {
      this(serverIds, conversationIds, List.of());
    }
  }

  /** Adds the membership, or throws {@link dev.parley.domain.error.Conflict} if it exists. */
  void add(Membership membership);

  Optional<Membership> find(long serverId, long userId);

  /** Stores a changed role or timeout of an existing membership. */
  Membership update(Membership membership);

  /**
   * Removes the membership, for {@code reason} (which the server's member log keeps for its
   * webhooks); false when there was none.
   */
  boolean remove(long serverId, long userId, MemberLeft.Reason reason);

  /** The members of a server, in joining order. */
  List<Member> list(long serverId);

  /** The ids of the servers a user belongs to. */
  List<Long> serverIdsOf(long userId);

  /**
   * The user's servers and conversations (DM and group), each in ascending id order. Read on every
   * gateway connect, so an implementation may answer it from memory, provided it forgets a user's
   * reach on {@link #reachChanged} and on any change it hears of otherwise.
   */
  Reach reachOf(long userId);

  /**
   * This node heard an event that changes the user's reach (a join, a leave, a new conversation),
   * and is about to move subscriptions for it: a reach read after this call must include the
   * change. Kept reaches of the user are forgotten; nothing to do for an implementation that keeps
   * none.
   */
  default void reachChanged(long userId) {}

  /** The user's servers that have at most {@code maxMembers} members, by id. */
  List<Long> smallServerIdsOf(long userId, int maxMembers);
}
