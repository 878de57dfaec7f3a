package dev.parley.bootstrap.wiring;

import dev.parley.adapters.storage.LocalDiskAttachmentStorage;
import dev.parley.application.port.in.CreateChannelUseCase;
import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.AttachmentStorage;
import dev.parley.application.port.out.BanRepository;
import dev.parley.application.port.out.ChannelAccessReader;
import dev.parley.application.port.out.ChannelChangeLog;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.ConnectionRegistry;
import dev.parley.application.port.out.HistoryPageReader;
import dev.parley.application.port.out.InviteRepository;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.MessageSearch;
import dev.parley.application.port.out.PresenceStore;
import dev.parley.application.port.out.ReactionRepository;
import dev.parley.application.port.out.ReadStateRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.Transactions;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.realtime.DeliveredChanges;
import dev.parley.application.service.AccessGuard;
import dev.parley.application.service.AttachmentCleanupService;
import dev.parley.application.service.AttachmentLimits;
import dev.parley.application.service.AttachmentServices;
import dev.parley.application.service.ChangeFeedService;
import dev.parley.application.service.ChannelPresenceService;
import dev.parley.application.service.ChannelServices;
import dev.parley.application.service.ConversationServices;
import dev.parley.application.service.CreationLimits;
import dev.parley.application.service.EventDeliveryService;
import dev.parley.application.service.GapRepairService;
import dev.parley.application.service.GatewayService;
import dev.parley.application.service.InviteServices;
import dev.parley.application.service.MemberServices;
import dev.parley.application.service.MessageActionsService;
import dev.parley.application.service.ModerationServices;
import dev.parley.application.service.PresenceService;
import dev.parley.application.service.ReadHistoryService;
import dev.parley.application.service.ReadStateServices;
import dev.parley.application.service.ResumeService;
import dev.parley.application.service.RoomServices;
import dev.parley.application.service.SearchMessagesService;
import dev.parley.application.service.SendMessageService;
import dev.parley.application.service.ServerServices;
import dev.parley.application.service.TypingService;
import dev.parley.bootstrap.config.ParleySettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/** Builds the framework-free use cases from the adapters' port implementations. */
@Factory
public class UseCaseFactory {

  /** UTC, ticking in microseconds: what PostgreSQL {@code timestamptz} stores. */
  @Singleton
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
  }

  @Singleton
  AccessGuard accessGuard(
      ChannelRepository channels,
      MembershipRepository memberships,
      ChannelAccessReader views,
      ServerRepository servers,
      Clock clock) {
    return new AccessGuard(channels, memberships, views, servers, clock);
  }

  @Singleton
  ServerServices servers(
      ServerRepository servers,
      MembershipRepository memberships,
      UserRepository users,
      AccessGuard guard,
      Transactions tx,
      ChatEventPublisher events,
      Clock clock,
      CreationLimits limits) {
    return new ServerServices(servers, memberships, users, guard, tx, events, clock, limits);
  }

  @Singleton
  CreationLimits creationLimits(
      @Value("${parley.limits.servers-per-owner:100}") int serversPerOwner,
      @Value("${parley.limits.channels-per-server:500}") int channelsPerServer,
      @Value("${parley.limits.invites-per-server:1000}") int invitesPerServer) {
    return new CreationLimits(serversPerOwner, channelsPerServer, invitesPerServer);
  }

  @Singleton
  ChannelServices channels(
      ChannelRepository channels,
      ServerRepository servers,
      AccessGuard guard,
      ChatEventPublisher events,
      Clock clock,
      CreationLimits limits) {
    return new ChannelServices(channels, servers, guard, events, clock, limits);
  }

  @Singleton
  MemberServices members(
      MembershipRepository memberships,
      ServerRepository servers,
      UserRepository users,
      BanRepository bans,
      AccessGuard guard,
      ChatEventPublisher events,
      Clock clock) {
    return new MemberServices(memberships, servers, users, bans, guard, events, clock);
  }

  @Singleton
  SendMessageService sendMessage(
      AccessGuard guard,
      MessageRepository messages,
      UserRepository users,
      ReadStateRepository readStates,
      AttachmentRepository attachments,
      Transactions tx,
      ChatEventPublisher events,
      Clock clock,
      @Named("announcements") ExecutorService announcer) {
    return new SendMessageService(
        guard, messages, users, readStates, attachments, tx, events, clock, announcer);
  }

  @Singleton
  ReadHistoryService readHistory(
      AccessGuard guard, MessageRepository messages, HistoryPageReader pages) {
    return new ReadHistoryService(guard, messages, pages);
  }

  /** Attachment bytes under {@code <data dir>/attachments}, created on the first upload. */
  @Singleton
  AttachmentStorage attachmentStorage(ParleySettings settings) {
    return new LocalDiskAttachmentStorage(settings.dataDir().resolve("attachments"));
  }

  /**
   * Uploads and downloads. {@code parley.attachments.allowed-types} is a comma-separated list of
   * media types that replaces the default allow-list; the multipart limits in application.yml must
   * stay a little above {@code max-bytes}, so that this limit is the one that answers.
   */
  @Singleton
  AttachmentServices attachments(
      AccessGuard guard,
      AttachmentRepository attachments,
      AttachmentStorage storage,
      MessageRepository messages,
      Clock clock,
      @Value("${parley.attachments.max-bytes:8388608}") long maxBytes,
      @Value("${parley.attachments.allowed-types:}") String allowedTypes,
      @Value("${parley.attachments.max-bytes-per-user:1073741824}") long maxBytesPerUser) {
    Set<String> types =
        Arrays.stream(allowedTypes.split(","))
            .map(String::strip)
            .filter(t -> !t.isEmpty())
            .collect(Collectors.toSet());
    AttachmentLimits limits =
        new AttachmentLimits(
            maxBytes, types.isEmpty() ? AttachmentLimits.DEFAULT_TYPES : types, maxBytesPerUser);
    return new AttachmentServices(guard, attachments, storage, messages, limits, clock);
  }

  /**
   * Removes unsent uploads after {@code parley.attachments.orphan-ttl}, and deleted messages'
   * files.
   */
  @Singleton
  AttachmentCleanupService attachmentCleanup(
      AttachmentRepository attachments,
      AttachmentStorage storage,
      Clock clock,
      @Value("${parley.attachments.orphan-ttl:24h}") Duration orphanTtl) {
    return new AttachmentCleanupService(attachments, storage, orphanTtl, clock);
  }

  @Singleton
  SearchMessagesService searchMessages(
      AccessGuard guard,
      MembershipRepository memberships,
      ChannelRepository channels,
      MessageSearch search,
      UserRepository users,
      ReactionRepository reactions) {
    return new SearchMessagesService(guard, memberships, channels, search, users, reactions);
  }

  @Singleton
  TypingService typing(
      AccessGuard guard,
      UserRepository users,
      ChatEventPublisher events,
      Clock clock,
      PresenceService presence) {
    return new TypingService(guard, users, events, clock, presence);
  }

  @Singleton
  PresenceService presence(
      PresenceStore store,
      MembershipRepository memberships,
      UserRepository users,
      ChatEventPublisher events,
      @Value("${parley.presence.large-server-members:250}") int largeServerMembers) {
    return new PresenceService(store, memberships, users, events, largeServerMembers);
  }

  @Singleton
  GatewayService gateway(
      ConnectionRegistry registry,
      MembershipRepository memberships,
      AccessGuard guard,
      PresenceService presence) {
    return new GatewayService(registry, memberships, guard, presence);
  }

  @Singleton
  ModerationServices moderation(
      ServerRepository servers,
      ChannelRepository channels,
      MembershipRepository memberships,
      BanRepository bans,
      UserRepository users,
      AccessGuard guard,
      Transactions tx,
      ChatEventPublisher events,
      Clock clock) {
    return new ModerationServices(
        servers, channels, memberships, bans, users, guard, tx, events, clock);
  }

  @Singleton
  InviteServices invites(
      InviteRepository invites,
      ServerRepository servers,
      MembershipRepository memberships,
      BanRepository bans,
      UserRepository users,
      AccessGuard guard,
      Transactions tx,
      ChatEventPublisher events,
      Clock clock,
      CreationLimits limits) {
    return new InviteServices(
        invites, servers, memberships, bans, users, guard, tx, events, clock, limits);
  }

  @Singleton
  ReadStateServices readStates(
      ReadStateRepository readStates, AccessGuard guard, ChatEventPublisher events, Clock clock) {
    return new ReadStateServices(readStates, guard, events, clock);
  }

  @Singleton
  DeliveredChanges deliveredChanges() {
    return new DeliveredChanges();
  }

  @Singleton
  EventDeliveryService eventDelivery(
      ConnectionRegistry registry, MembershipRepository memberships, DeliveredChanges delivered) {
    return new EventDeliveryService(registry, memberships, delivered);
  }

  @Singleton
  ChangeFeedService changeFeed(
      AccessGuard guard,
      ChannelChangeLog changes,
      MessageRepository messages,
      UserRepository users,
      AttachmentRepository attachments) {
    return new ChangeFeedService(guard, changes, messages, users, attachments);
  }

  @Singleton
  GapRepairService gapRepair(
      ChannelChangeLog changes,
      ChannelRepository channels,
      MessageRepository messages,
      UserRepository users,
      AttachmentRepository attachments,
      DeliveredChanges delivered,
      EventDeliveryService delivery) {
    return new GapRepairService(
        changes, channels, messages, users, attachments, delivered, delivery);
  }

  @Singleton
  ResumeService resume(
      AccessGuard guard,
      ChannelChangeLog changes,
      MessageRepository messages,
      UserRepository users,
      AttachmentRepository attachments,
      @Value("${parley.resume.max-per-channel:500}") int maxPerChannel,
      @Value("${parley.resume.max-total:5000}") int maxTotal) {
    return new ResumeService(guard, changes, messages, users, attachments, maxPerChannel, maxTotal);
  }

  /** Edits, deletes and reactions, with the bounds on a message's reactions. */
  @Singleton
  MessageActionsService messageActions(
      AccessGuard guard,
      MessageRepository messages,
      ReactionRepository reactions,
      UserRepository users,
      AttachmentRepository attachments,
      ChannelChangeLog changes,
      Transactions tx,
      ChatEventPublisher events,
      Clock clock,
      @Value("${parley.messages.max-reactions-per-message:20}") int maxReactionsPerMessage,
      @Value("${parley.messages.max-reactions-per-user:10}") int maxReactionsPerUser) {
    return new MessageActionsService(
        guard,
        messages,
        reactions,
        users,
        attachments,
        changes,
        tx,
        events,
        clock,
        new ReactionRepository.Bounds(maxReactionsPerMessage, maxReactionsPerUser));
  }

  @Singleton
  ConversationServices conversations(
      ChannelRepository channels,
      UserRepository users,
      Transactions tx,
      ChatEventPublisher events,
      Clock clock) {
    return new ConversationServices(channels, users, tx, events, clock);
  }

  @Singleton
  ChannelPresenceService channelPresence(
      ConnectionRegistry registry,
      ChannelRepository channels,
      UserRepository users,
      ChatEventPublisher events,
      PresenceService presence) {
    return new ChannelPresenceService(registry, channels, users, events, presence);
  }

  @Singleton
  RoomServices rooms(
      ChannelRepository channels, AccessGuard guard, CreateChannelUseCase createChannel) {
    return new RoomServices(channels, guard, createChannel);
  }
}
