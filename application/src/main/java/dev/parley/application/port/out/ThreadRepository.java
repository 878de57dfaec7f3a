package dev.parley.application.port.out;

import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.FollowedThread;
import dev.parley.domain.channel.MessageThread;
import dev.parley.domain.channel.ThreadView;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores threads (channels of kind THREAD tied to the message they branch from) and who follows
 * them. A message has at most one thread.
 */
public interface ThreadRepository {

  /** What is needed to start a thread on a message. */
  record NewThread(
      long parentChannelId,
      long parentMessageId,
      Long serverId,
      String name,
      long createdBy,
      Instant createdAt) {}

  /** A thread, and whether this call created it (false: the message already had it). */
  record Started(MessageThread thread, boolean created) {}

  /**
   * Creates the message's thread with its channel, or returns the one it has: two concurrent starts
   * give one thread.
   */
  Started start(NewThread thread);

  Optional<MessageThread> findById(long threadId);

  /** The threads these messages started, by parent message id. */
  Map<Long, MessageThread> ofMessages(Collection<Long> messageIds);

  /**
   * The threads of a channel, most recently active first (a thread without replies counts from its
   * start), at most {@code limit}, as {@code viewerId} sees them.
   */
  List<ThreadView> inChannel(long channelId, long viewerId, int limit);

  /** The threads started in any channel of the server, as channels (for search). */
  List<Channel> channelsOfServer(long serverId);

  /** The threads started in these channels or conversations, as channels (for search). */
  List<Channel> channelsOfParents(Collection<Long> parentIds);

  /** Records a user's explicit choice to follow a thread or not. */
  void setFollowing(long threadId, long userId, boolean following, Instant at);

  /**
   * Makes the user follow the thread unless they chose not to: who starts a thread, wrote its
   * parent message or replies in it follows it.
   */
  void followImplicitly(long threadId, long userId, Instant at);

  boolean isFollowing(long threadId, long userId);

  /**
   * The threads a user follows in servers they are still a member of, most recently active first,
   * at most {@code limit}.
   */
  List<FollowedThread> followedBy(long userId, int limit);
}
