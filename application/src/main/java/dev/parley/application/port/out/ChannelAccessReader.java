package dev.parley.application.port.out;

import dev.parley.domain.channel.Channel;
import dev.parley.domain.server.Membership;
import dev.parley.domain.user.User;
import java.util.Optional;

/**
 * Reads, in one step, everything a decision about a user and a channel needs: the channel, the
 * user's membership of its server (server channels) or participation (conversations), and the user.
 * The hot paths (every send) ask this once instead of asking three repositories in turn.
 */
public interface ChannelAccessReader {

  /**
   * The channel as seen by one user: {@code membership} is null for a conversation or a non-member,
   * {@code participant} is false for a server channel, {@code viewer} is empty when the user no
   * longer exists.
   */
  record ChannelView(
      Channel channel, Membership membership, boolean participant, Optional<User> viewer) {}

  /** Empty when the channel does not exist. */
  Optional<ChannelView> read(long channelId, long userId);
}
