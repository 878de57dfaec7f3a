package dev.parley.application.service;

import dev.parley.application.port.in.PresenceUseCase;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.PresenceStore;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.event.StatusChanged;
import dev.parley.domain.event.Topic;
import dev.parley.domain.server.Presence;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Presence: a user comes online with their first connection and goes offline with their last; a
 * chosen status (idle, dnd, invisible) overrides. Invisible is offline everywhere: every surface
 * that tells who is here (statuses, active users, join notices, typing) asks {@link #present} or
 * {@link #hidden}, the one rule. Changes reach everyone who shares a server or a conversation with
 * them, best-effort, except in servers above {@code largeServerMembers}: there every connect would
 * reach every member (quadratic in a storm), so clients ask for the presence of the members they
 * show instead, as Discord does for large guilds.
 */
public final class PresenceService implements PresenceUseCase {
  private final PresenceStore store;
  private final MembershipRepository memberships;
  private final UserRepository users;

  /** Above this many members a server fans out no presence by default (Discord's threshold). */
  public static final int LARGE_SERVER_MEMBERS = 250;

  private final ChatEventPublisher events;
  private final int largeServerMembers;

  public PresenceService(
      PresenceStore store,
      MembershipRepository memberships,
      UserRepository users,
      ChatEventPublisher events,
      int largeServerMembers) {
    if (largeServerMembers < 1) {
      throw new IllegalArgumentException("largeServerMembers must be positive");
    }
    this.largeServerMembers = largeServerMembers;
    this.store = store;
    this.memberships = memberships;
    this.users = users;
    this.events = events;
  }

  /** A connection of the user is live. */
  public void connected(long userId) {
    String before = statusOf(userId);
    store.connected(userId);
    announceIfChanged(userId, before);
  }

  /** A connection of the user closed. */
  public void disconnected(long userId) {
    String before = statusOf(userId);
    store.disconnected(userId);
    announceIfChanged(userId, before);
  }

  @Override
  public String setStatus(long userId, String status) {
    String chosen = Presence.chosen(status);
    String before = statusOf(userId);
    store.setChosenStatus(userId, Presence.ONLINE.equals(chosen) ? null : chosen);
    announceIfChanged(userId, before);
    return statusOf(userId);
  }

  @Override
  public Map<Long, String> statuses(Collection<Long> userIds) {
    return store.statuses(userIds);
  }

  /**
   * Of the given users (e.g. those connected to a channel), the ones others may be shown as here,
   * in the given order: everyone but those who chose invisible.
   */
  public List<Long> present(Collection<Long> userIds) {
    if (userIds.isEmpty()) {
      return List.of();
    }
    Set<Long> invisible = store.invisible(userIds);
    return userIds.stream().distinct().filter(id -> !invisible.contains(id)).toList();
  }

  /** Whether the user chose invisible: nothing they do may announce that they are here. */
  public boolean hidden(long userId) {
    return !store.invisible(List.of(userId)).isEmpty();
  }

  private String statusOf(long userId) {
    return store.statuses(List.of(userId)).getOrDefault(userId, Presence.OFFLINE);
  }

  private void announceIfChanged(long userId, String before) {
    String after = statusOf(userId);
    if (after.equals(before)) {
      return;
    }
    String name = users.findById(userId).map(u -> u.username().value()).orElse("user-" + userId);
    events.publish(new StatusChanged(userId, name, after, audienceOf(userId)));
  }

  /** The user's servers that are not large, and their conversations: each connection once. */
  private List<Topic> audienceOf(long userId) {
    List<Topic> audience = new ArrayList<>();
    for (long serverId : memberships.smallServerIdsOf(userId, largeServerMembers)) {
      audience.add(Topic.server(serverId));
    }
    // The reach, which the connect that brought the user online has just read (kept in memory).
    for (long conversationId : memberships.reachOf(userId).conversationIds()) {
      audience.add(Topic.channel(conversationId));
    }
    return audience;
  }
}
