package dev.parley.application.fakes;

import dev.parley.application.port.out.MembershipRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.error.Conflict;
import dev.parley.domain.event.MemberLeft;
import dev.parley.domain.server.Member;
import dev.parley.domain.server.Membership;
import dev.parley.domain.user.User;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link MembershipRepository} over an {@link InMemoryStore}. */
public class InMemoryMembershipRepository implements MembershipRepository {
  private final InMemoryStore store;

  public InMemoryMembershipRepository(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public void add(Membership membership) {
    synchronized (store) {
      store.requireServer(membership.serverId());
      store.requireUser(membership.userId());
      InMemoryStore.Pair key = new InMemoryStore.Pair(membership.serverId(), membership.userId());
      if (store.memberships.containsKey(key)) {
        throw new Conflict("User is already a member of this server");
      }
      store.memberships.put(key, membership);
    }
  }

  @Override
  public Optional<Membership> find(long serverId, long userId) {
    synchronized (store) {
      return Optional.ofNullable(store.memberships.get(new InMemoryStore.Pair(serverId, userId)));
    }
  }

  @Override
  public Membership update(Membership membership) {
    synchronized (store) {
      InMemoryStore.Pair key = new InMemoryStore.Pair(membership.serverId(), membership.userId());
      Membership stored = store.memberships.get(key);
      if (stored == null) {
        throw new IllegalStateException(
            "no membership of user " + membership.userId() + " in " + membership.serverId());
      }
      // Like the UPDATE: only the role and the timeout change, the joining time stays.
      Membership updated =
          stored.withRole(membership.role()).withTimeout(membership.timeoutUntil());
      store.memberships.put(key, updated);
      return updated;
    }
  }

  @Override
  public boolean remove(long serverId, long userId, MemberLeft.Reason reason) {
    synchronized (store) {
      return store.memberships.remove(new InMemoryStore.Pair(serverId, userId)) != null;
    }
  }

  @Override
  public List<Member> list(long serverId) {
    synchronized (store) {
      return store.memberships.values().stream()
          .filter(m -> m.serverId() == serverId)
          .sorted(Comparator.comparing(Membership::joinedAt).thenComparingLong(Membership::userId))
          .map(m -> new Member(m, usernameOf(m.userId()), isBot(m.userId())))
          .toList();
    }
  }

  @Override
  public List<Long> smallServerIdsOf(long userId, int maxMembers) {
    synchronized (store) {
      return serverIdsOf(userId).stream()
          .filter(
              serverId ->
                  store.memberships.values().stream().filter(m -> m.serverId() == serverId).count()
                      <= maxMembers)
          .toList();
    }
  }

  @Override
  public List<Long> serverIdsOf(long userId) {
    synchronized (store) {
      return store.memberships.values().stream()
          .filter(m -> m.userId() == userId)
          .map(Membership::serverId)
          .sorted()
          .toList();
    }
  }

  @Override
  public Reach reachOf(long userId) {
    synchronized (store) {
      List<Long> conversations =
          store.participants.keySet().stream()
              .filter(key -> key.userId() == userId)
              .map(key -> store.channels.get(key.ownerId()))
              .filter(channel -> channel != null && channel.isConversation())
              .map(Channel::id)
              .sorted()
              .toList();
      List<Long> threads =
          store.threads.entrySet().stream()
              .filter(e -> conversations.contains(e.getValue().parentChannelId()))
              .map(Map.Entry::getKey)
              .sorted()
              .toList();
      return new Reach(serverIdsOf(userId), conversations, threads);
    }
  }

  private boolean isBot(long userId) {
    return store.users().findById(userId).map(User::bot).orElse(false);
  }

  private String usernameOf(long userId) {
    return store
        .users()
        .findById(userId)
        .orElseThrow(() -> new IllegalStateException("membership of unknown user " + userId))
        .username()
        .value();
  }
}
