package dev.parley.application.port.in;

import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.channel.FollowedThread;
import dev.parley.domain.channel.ThreadView;
import java.util.List;

/**
 * Threads: start one on a message (of a text channel or a conversation), read one, list a
 * channel's, follow or unfollow, and list the ones the caller follows. A thread's messages,
 * history, read state and resume go through the channel use cases with the thread's id, under the
 * parent channel's access rule.
 */
public interface ThreadsUseCase {

  /** A thread started, or the message's existing one ({@code created} false). */
  record StartedThread(ThreadView view, boolean created) {}

  /** Starts a thread on a message the caller can see and may reply to, or returns its thread. */
  StartedThread start(long userId, long messageId, String name);

  ThreadView get(long userId, long threadId);

  /** The threads of a channel the caller can see, most recently active first. */
  List<ThreadView> inChannel(
      long userId, long channelId, ChannelExpectation expected, Integer limit);

  void follow(long userId, long threadId, boolean following);

  /** The threads the caller follows, most recently active first. */
  List<FollowedThread> followed(long userId, Integer limit);
}
