package dev.parley.application.service;

import dev.parley.application.port.in.Conversation;
import dev.parley.application.port.in.CreateConversationCommand;
import dev.parley.application.port.in.CreateConversationUseCase;
import dev.parley.application.port.in.GetConversationUseCase;
import dev.parley.application.port.in.ListConversationsUseCase;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.ChannelRepository.NewChannel;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.Transactions;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.event.ConversationCreated;
import dev.parley.domain.user.User;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Direct and group conversations: channels with participants and no server. */
public final class ConversationServices
    implements CreateConversationUseCase, ListConversationsUseCase, GetConversationUseCase {

  private final ChannelRepository channels;
  private final UserRepository users;
  private final Transactions tx;
  private final ChatEventPublisher events;
  private final Clock clock;

  public ConversationServices(
      ChannelRepository channels,
      UserRepository users,
      Transactions tx,
      ChatEventPublisher events,
      Clock clock) {
    this.channels = channels;
    this.users = users;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public Conversation create(CreateConversationCommand command) {
    List<Long> participants = command.participantIds();
    Set<Long> known =
        users.findAllById(participants).stream()
            .filter(User::active)
            .map(User::id)
            .collect(Collectors.toSet());
    for (long id : participants) {
      if (!known.contains(id)) {
        throw new InvalidInput("participant_ids", "unknown user id " + id);
      }
    }
    if (!command.group()) {
      long other = participants.get(1);
      Optional<Channel> existing = channels.findDirectConversation(command.creatorId(), other);
      if (existing.isPresent()) {
        return new Conversation(existing.get(), channels.participantIds(existing.get().id()));
      }
    }
    Channel channel =
        tx.inTransaction(
            () -> {
              Channel created =
                  channels.create(
                      new NewChannel(
                          null,
                          command.group() ? ChannelKind.GROUP : ChannelKind.DM,
                          command.name(),
                          command.description(),
                          null,
                          0,
                          command.creatorId(),
                          clock.instant()));
              channels.addParticipants(created.id(), participants, clock.instant());
              return created;
            });
    events.publish(new ConversationCreated(channel, participants));
    return new Conversation(channel, participants);
  }

  @Override
  public Conversation get(long userId, long conversationId) {
    Channel channel =
        channels
            .findById(conversationId)
            .filter(Channel::isConversation)
            .filter(c -> channels.isParticipant(c.id(), userId))
            .orElseThrow(() -> new NotFound(NOT_A_MEMBER));
    return new Conversation(channel, channels.participantIds(channel.id()));
  }

  @Override
  public List<Conversation> list(long userId) {
    return channels.conversationsOf(userId).stream()
        .map(c -> new Conversation(c, channels.participantIds(c.id())))
        .toList();
  }
}
