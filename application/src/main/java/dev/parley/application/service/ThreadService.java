package dev.parley.application.service;

import dev.parley.application.port.in.ThreadsUseCase;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.ThreadRepository;
import dev.parley.application.port.out.ThreadRepository.NewThread;
import dev.parley.application.port.out.ThreadRepository.Started;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.channel.FollowedThread;
import dev.parley.domain.channel.MessageThread;
import dev.parley.domain.channel.ThreadView;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.event.ThreadCreated;
import java.time.Clock;
import java.util.List;

/**
 * Threads under the parent channel's rule: whoever sees a text channel or a conversation sees its
 * threads, whoever may send there may start one or reply in one (a reply is a message sent to the
 * thread's id), and losing the channel loses its threads on every path at once, since a thread is a
 * channel of the same server, or of no server with the conversation's participants.
 */
public final class ThreadService implements ThreadsUseCase {
  /** Threads listed per page when the caller does not say. */
  static final int DEFAULT_LIMIT = 50;

  /** The most threads one listing returns. */
  static final int MAX_LIMIT = 200;

  private final AccessGuard guard;
  private final ChannelRepository channels;
  private final MessageRepository messages;
  private final ThreadRepository threads;
  private final ChatEventPublisher events;
  private final Clock clock;

  public ThreadService(
      AccessGuard guard,
      ChannelRepository channels,
      MessageRepository messages,
      ThreadRepository threads,
      ChatEventPublisher events,
      Clock clock) {
    this.guard = guard;
    this.channels = channels;
    this.messages = messages;
    this.threads = threads;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public StartedThread start(long userId, long messageId, String name) {
    VisibleMessage parent = VisibleMessage.require(messages, guard, userId, messageId, null);
    Channel channel = parent.access().channel();
    if (channel.kind() == ChannelKind.THREAD) {
      throw new InvalidInput("message_id", "a thread cannot be started inside a thread");
    }
    // Starting a thread is writing to the channel: the sender's permission and timeout apply.
    guard.requirePoster(userId, channel.id(), ChannelExpectation.ANY, clock.instant());
    Started started =
        threads.start(
            new NewThread(
                channel.id(),
                messageId,
                channel.serverId(),
                MessageThread.nameFor(name, parent.message().content()),
                userId,
                clock.instant()));
    if (started.created()) {
      threads.followImplicitly(started.thread().id(), userId, clock.instant());
      threads.followImplicitly(started.thread().id(), parent.message().authorId(), clock.instant());
      events.publish(
          new ThreadCreated(
              started.thread(),
              channel.isConversation() ? channels.participantIds(channel.id()) : List.of()));
      return new StartedThread(new ThreadView(started.thread(), true), true);
    }
    MessageThread existing = started.thread();
    return new StartedThread(
        new ThreadView(existing, threads.isFollowing(existing.id(), userId)), false);
  }

  @Override
  public ThreadView get(long userId, long threadId) {
    MessageThread thread = visible(userId, threadId);
    return new ThreadView(thread, threads.isFollowing(threadId, userId));
  }

  @Override
  public List<ThreadView> inChannel(
      long userId, long channelId, ChannelExpectation expected, Integer limit) {
    Channel channel = guard.requireChannel(userId, channelId, expected).channel();
    if (channel.kind() == ChannelKind.THREAD) {
      return List.of();
    }
    return threads.inChannel(channel.id(), userId, limitOf(limit));
  }

  @Override
  public void follow(long userId, long threadId, boolean following) {
    visible(userId, threadId);
    threads.setFollowing(threadId, userId, following, clock.instant());
  }

  @Override
  public List<FollowedThread> followed(long userId, Integer limit) {
    return threads.followedBy(userId, limitOf(limit));
  }

  private static int limitOf(Integer limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInput("limit", "limit must be between 1 and " + MAX_LIMIT);
    }
    return limit;
  }

  /** The thread if the caller sees its channel; one answer for missing and invisible. */
  private MessageThread visible(long userId, long threadId) {
    try {
      guard.requireChannel(userId, threadId, ChannelExpectation.THREAD);
    } catch (NotFound invisible) {
      throw new NotFound("Thread not found");
    }
    return threads.findById(threadId).orElseThrow(() -> new NotFound("Thread not found"));
  }
}
