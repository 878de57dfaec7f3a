package dev.parley.application.service;

import dev.parley.application.port.in.SearchMessagesQuery;
import dev.parley.application.port.in.SearchMessagesUseCase;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.MessageSearch;
import dev.parley.application.port.out.MessageSearch.Criteria;
import dev.parley.application.port.out.ReactionRepository;
import dev.parley.application.port.out.ThreadRepository;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.ReactionCount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Searches only the channels the caller can see, by the rule {@link AccessGuard} applies: those of
 * their servers (with their channels' threads) and their conversations. A named server or channel
 * they cannot see answers NotFound, as reading its history would. Hits are newest first.
 */
public final class SearchMessagesService implements SearchMessagesUseCase {
  private final AccessGuard guard;
  private final MembershipRepository memberships;
  private final ChannelRepository channels;
  private final ThreadRepository threads;
  private final MessageSearch search;
  private final UserRepository users;
  private final ReactionRepository reactions;

  public SearchMessagesService(
      AccessGuard guard,
      MembershipRepository memberships,
      ChannelRepository channels,
      ThreadRepository threads,
      MessageSearch search,
      UserRepository users,
      ReactionRepository reactions) {
    this.guard = guard;
    this.threads = threads;
    this.memberships = memberships;
    this.channels = channels;
    this.search = search;
    this.users = users;
    this.reactions = reactions;
  }

  @Override
  public Results search(SearchMessagesQuery query) {
    Map<Long, Channel> scope = scopeOf(query);
    if (scope.isEmpty()) {
      return new Results(List.of(), null);
    }
    // One more than asked tells whether a next page exists without another query.
    List<Message> found =
        search.search(
            new Criteria(
                query.text(), scope.keySet(), query.authorId(), query.before(), query.limit() + 1));
    boolean more = found.size() > query.limit();
    List<Message> page = more ? found.subList(0, query.limit()) : found;
    Authors authors = Authors.of(users, page.stream().map(Message::authorId).distinct().toList());
    Map<Long, List<ReactionCount>> counts =
        reactions.forMessages(page.stream().map(Message::id).toList());
    List<Hit> hits =
        page.stream()
            .map(
                m ->
                    new Hit(
                        authors.posted(m, scope.get(m.channelId())),
                        counts.getOrDefault(m.id(), List.of())))
            .toList();
    return new Results(hits, more ? page.get(page.size() - 1).id() : null);
  }

  /** The visible channels to search, by id; voice channels hold no messages and are left out. */
  private Map<Long, Channel> scopeOf(SearchMessagesQuery query) {
    long userId = query.userId();
    List<Channel> candidates = new ArrayList<>();
    if (query.channelId() != null) {
      candidates.add(
          guard
              .requireChannel(
                  userId, query.channelId(), ChannelExpectation.ofServer(query.serverId()))
              .channel());
    } else if (query.serverId() != null) {
      guard.requireMember(userId, query.serverId());
      candidates.addAll(channels.listByServer(query.serverId()));
      candidates.addAll(threads.channelsOfServer(query.serverId()));
    } else {
      // The listing form of AccessGuard.canSee: the channels of the servers the user is a member
      // of, and the conversations they take part in.
      for (long serverId : memberships.serverIdsOf(userId)) {
        candidates.addAll(channels.listByServer(serverId));
        candidates.addAll(threads.channelsOfServer(serverId));
      }
      List<Channel> conversations = channels.conversationsOf(userId);
      candidates.addAll(conversations);
      candidates.addAll(
          threads.channelsOfParents(conversations.stream().map(Channel::id).toList()));
    }
    Map<Long, Channel> scope = new LinkedHashMap<>();
    for (Channel channel : candidates) {
      if (channel.kind().carriesMessages()) {
        scope.put(channel.id(), channel);
      }
    }
    return scope;
  }
}
