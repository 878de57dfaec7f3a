package dev.parley.application.service;

import dev.parley.application.fakes.DirectTransactions;
import dev.parley.application.fakes.FakeConnectionRegistry;
import dev.parley.application.fakes.FakePresenceStore;
import dev.parley.application.fakes.InMemoryAttachmentRepository;
import dev.parley.application.fakes.InMemoryAttachmentStorage;
import dev.parley.application.fakes.InMemoryBanRepository;
import dev.parley.application.fakes.InMemoryChannelAccessReader;
import dev.parley.application.fakes.InMemoryChannelChangeLog;
import dev.parley.application.fakes.InMemoryChannelRepository;
import dev.parley.application.fakes.InMemoryHistoryPageReader;
import dev.parley.application.fakes.InMemoryInviteRepository;
import dev.parley.application.fakes.InMemoryMembershipRepository;
import dev.parley.application.fakes.InMemoryMessageRepository;
import dev.parley.application.fakes.InMemoryMessageSearch;
import dev.parley.application.fakes.InMemoryPinRepository;
import dev.parley.application.fakes.InMemoryReactionRepository;
import dev.parley.application.fakes.InMemoryReadStateRepository;
import dev.parley.application.fakes.InMemoryServerRepository;
import dev.parley.application.fakes.InMemoryStore;
import dev.parley.application.fakes.InMemoryThreadRepository;
import dev.parley.application.fakes.InMemoryUserRepository;
import dev.parley.application.fakes.RecordingConnection;
import dev.parley.application.port.in.AddMemberCommand;
import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateServerCommand;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.UserRepository.NewUser;
import dev.parley.application.realtime.ConnectionScope;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.event.ChatEvent;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Every chat use case wired with in-memory fakes, built with {@code new} as bootstrap does. */
final class ChatWorld {
  final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
  final InMemoryStore store = new InMemoryStore();
  final InMemoryUserRepository users = store.users();
  final InMemoryServerRepository servers = new InMemoryServerRepository(store);
  final InMemoryMembershipRepository memberships = new InMemoryMembershipRepository(store);
  final InMemoryChannelRepository channels = new InMemoryChannelRepository(store);
  final InMemoryMessageRepository messages = new InMemoryMessageRepository(store);
  final InMemoryThreadRepository threadRepository = new InMemoryThreadRepository(store);
  final FakeConnectionRegistry registry = new FakeConnectionRegistry();
  private EventDeliveryService delivery = new EventDeliveryService(registry, memberships);
  final List<ChatEvent> published = new ArrayList<>();
  final ChatEventPublisher publisher =
      event -> {
        published.add(event);
        delivery.deliver(event);
      };
  final AccessGuard guard =
      new AccessGuard(
          channels,
          memberships,
          new InMemoryChannelAccessReader(channels, memberships, users),
          servers,
          clock);
  final ServerServices serverServices =
      new ServerServices(
          servers,
          memberships,
          users,
          guard,
          new DirectTransactions(),
          publisher,
          clock,
          CreationLimits.DEFAULTS);
  final ChannelServices channelServices =
      new ChannelServices(channels, servers, guard, publisher, clock, CreationLimits.DEFAULTS);
  final InMemoryBanRepository bans = new InMemoryBanRepository(store);
  final InMemoryInviteRepository inviteRepository = new InMemoryInviteRepository(store);
  final InMemoryReadStateRepository readStateRepository = new InMemoryReadStateRepository(store);
  final InMemoryReactionRepository reactions = new InMemoryReactionRepository(store);
  final InMemoryAttachmentRepository attachments = new InMemoryAttachmentRepository(store);
  final InMemoryAttachmentStorage storage = new InMemoryAttachmentStorage();
  final FakePresenceStore presenceStore = new FakePresenceStore();
  final MemberServices memberServices =
      new MemberServices(memberships, servers, users, bans, guard, publisher, clock);
  final SendMessageService send =
      new SendMessageService(
          guard,
          messages,
          users,
          readStateRepository,
          attachments,
          new DirectTransactions(),
          threadRepository,
          publisher,
          clock,
          Runnable::run);
  final ThreadService threads =
      new ThreadService(guard, channels, messages, threadRepository, publisher, clock);
  final ReadHistoryService history =
      new ReadHistoryService(
          guard,
          messages,
          new InMemoryHistoryPageReader(messages, users, attachments, reactions, threadRepository));
  final AttachmentServices files =
      new AttachmentServices(
          guard, attachments, storage, messages, AttachmentLimits.defaults(), clock);
  final InMemoryChannelChangeLog changeLog = new InMemoryChannelChangeLog(store);
  final ResumeService resume = new ResumeService(guard, changeLog, messages, users, attachments);
  final PresenceService presenceService =
      new PresenceService(
          presenceStore, memberships, users, publisher, PresenceService.LARGE_SERVER_MEMBERS);
  final TypingService typing = new TypingService(guard, users, publisher, clock, presenceService);
  final GatewayService gateway = new GatewayService(registry, memberships, guard, presenceService);
  final ModerationServices moderation =
      new ModerationServices(
          servers,
          channels,
          memberships,
          bans,
          users,
          guard,
          new DirectTransactions(),
          publisher,
          clock);
  final InviteServices invites =
      new InviteServices(
          inviteRepository,
          servers,
          memberships,
          bans,
          users,
          guard,
          new DirectTransactions(),
          publisher,
          clock,
          CreationLimits.DEFAULTS);
  final ReadStateServices readStates =
      new ReadStateServices(readStateRepository, guard, publisher, clock);
  final MessageActionsService actions =
      new MessageActionsService(
          guard,
          messages,
          reactions,
          users,
          attachments,
          changeLog,
          new DirectTransactions(),
          publisher,
          clock,
          MessageActionsService.REACTION_BOUNDS);
  final InMemoryPinRepository pinRepository = new InMemoryPinRepository(store);
  final PinService pins =
      new PinService(
          guard,
          messages,
          pinRepository,
          users,
          attachments,
          changeLog,
          new DirectTransactions(),
          publisher,
          clock,
          3);
  final ConversationServices conversations =
      new ConversationServices(channels, users, new DirectTransactions(), publisher, clock);
  final ChannelPresenceService presence =
      new ChannelPresenceService(registry, channels, users, publisher, presenceService);
  final SearchMessagesService search =
      new SearchMessagesService(
          guard,
          memberships,
          channels,
          threadRepository,
          new InMemoryMessageSearch(store),
          users,
          reactions);
  final RoomServices rooms = new RoomServices(channels, guard, channelServices);

  private int userCount;

  User user(String name) {
    return users.create(
        new NewUser(new Username(name + (++userCount)), null, null, "hash", clock.instant()));
  }

  /**
   * A server owned by {@code owner} with one text channel, "general", and the others added as
   * members; returns the channel.
   */
  Channel channelOf(User owner, User... members) {
    Server server = serverServices.create(new CreateServerCommand(owner.id(), "S", null, null));
    for (User member : members) {
      memberServices.add(new AddMemberCommand(owner.id(), server.id(), member.id(), null, null));
    }
    return channelServices.create(
        new CreateChannelCommand(
            owner.id(), server.id(), "general", ChannelKind.TEXT, null, null, null));
  }

  RecordingConnection connect(User user) {
    RecordingConnection connection = new RecordingConnection(user.id(), ConnectionScope.EVERYTHING);
    gateway.connect(connection);
    return connection;
  }

  RecordingConnection connect(User user, long channelId) {
    RecordingConnection connection =
        new RecordingConnection(user.id(), ConnectionScope.channel(channelId));
    gateway.connect(connection);
    return connection;
  }

  /** Routes the world's events through another delivery (e.g. one over other memberships). */
  void deliverWith(EventDeliveryService other) {
    delivery = other;
  }
}
