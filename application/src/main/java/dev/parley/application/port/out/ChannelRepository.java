package dev.parley.application.port.out;

import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores server channels and conversations, and conversation participants. */
public interface ChannelRepository {

  /** What is needed to create a channel; a null position means "after the last one". */
  record NewChannel(
      Long serverId,
      ChannelKind kind,
      String name,
      String description,
      String category,
      Integer position,
      Long createdBy,
      Instant createdAt) {}

  Channel create(NewChannel channel);

  Optional<Channel> findById(long id);

  /** The channels of a server by position, then id; threads are not among them. */
  List<Channel> listByServer(long serverId);

  /** Replaces a channel's name, description, category and position. */
  Channel update(
      long id, String name, String description, String category, int position, Instant updatedAt);

  /** Deletes a channel with its messages. */
  void delete(long id);

  /** Adds participants to a conversation; existing ones are kept. */
  void addParticipants(long channelId, List<Long> userIds, Instant joinedAt);

  /** Whether the user takes part in the conversation (for a thread: in its conversation). */
  boolean isParticipant(long channelId, long userId);

  List<Long> participantIds(long channelId);

  /** The DM between two users, if they have one. */
  Optional<Channel> findDirectConversation(long userA, long userB);

  /** The conversations (DM and GROUP) a user takes part in, newest first. */
  List<Channel> conversationsOf(long userId);
}
