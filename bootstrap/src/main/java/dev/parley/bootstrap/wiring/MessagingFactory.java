package dev.parley.bootstrap.wiring;

import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.ChannelChangeLog;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.HistoryPageReader;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.MessageSearch;
import dev.parley.application.port.out.PinRepository;
import dev.parley.application.port.out.ReactionRepository;
import dev.parley.application.port.out.ReadStateRepository;
import dev.parley.application.port.out.ThreadRepository;
import dev.parley.application.port.out.Transactions;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.service.AccessGuard;
import dev.parley.application.service.ConversationServices;
import dev.parley.application.service.MessageActionsService;
import dev.parley.application.service.PinService;
import dev.parley.application.service.ReadHistoryService;
import dev.parley.application.service.ReadStateServices;
import dev.parley.application.service.SearchMessagesService;
import dev.parley.application.service.SendMessageService;
import dev.parley.application.service.ThreadService;
import dev.parley.bootstrap.config.MessageSettings;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/**
 * Builds the use cases of messages: sending, history, threads, edits, reactions and pins, search,
 * read state.
 */
@Factory
class MessagingFactory {

  @Singleton
  SendMessageService sendMessage(
      AccessGuard guard,
      MessageRepository messages,
      UserRepository users,
      ReadStateRepository readStates,
      AttachmentRepository attachments,
      Transactions tx,
      ThreadRepository threads,
      ChatEventPublisher events,
      Clock clock,
      @Named("announcements") ExecutorService announcer) {
    return new SendMessageService(
        guard, messages, users, readStates, attachments, tx, threads, events, clock, announcer);
  }

  @Singleton
  ThreadService threads(
      AccessGuard guard,
      ChannelRepository channels,
      MessageRepository messages,
      ThreadRepository threads,
      ChatEventPublisher events,
      Clock clock) {
    return new ThreadService(guard, channels, messages, threads, events, clock);
  }

  @Singleton
  ReadHistoryService readHistory(
      AccessGuard guard, MessageRepository messages, HistoryPageReader pages) {
    return new ReadHistoryService(guard, messages, pages);
  }

  @Singleton
  PinService pins(
      AccessGuard guard,
      MessageRepository messages,
      PinRepository pins,
      UserRepository users,
      AttachmentRepository attachments,
      ChannelChangeLog changes,
      Transactions tx,
      ChatEventPublisher events,
      Clock clock,
      MessageSettings settings) {
    return new PinService(
        guard,
        messages,
        pins,
        users,
        attachments,
        changes,
        tx,
        events,
        clock,
        settings.getMaxPinsPerChannel());
  }

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
      MessageSettings settings) {
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
        new ReactionRepository.Bounds(
            settings.getMaxReactionsPerMessage(), settings.getMaxReactionsPerUser()));
  }

  @Singleton
  SearchMessagesService searchMessages(
      AccessGuard guard,
      MembershipRepository memberships,
      ChannelRepository channels,
      ThreadRepository threads,
      MessageSearch search,
      UserRepository users,
      ReactionRepository reactions) {
    return new SearchMessagesService(
        guard, memberships, channels, threads, search, users, reactions);
  }

  @Singleton
  ReadStateServices readStates(
      ReadStateRepository readStates, AccessGuard guard, ChatEventPublisher events, Clock clock) {
    return new ReadStateServices(readStates, guard, events, clock);
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
}
