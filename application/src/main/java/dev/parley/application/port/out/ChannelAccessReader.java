package dev.parley.application.port.out;

import dev.parley.domain.channel.Channel;
import dev.parley.domain.server.Membership;
import dev.parley.domain.user.User;
import java.util.Optional;

/**
 * Reads, in one step, everything a decision about a user and a channel needs: the channel, the
 * user's membership of its server (server channels) or participation (conversations), and the user.
 * The hot paths (every send) ask this once instead of asking three repositories in turn, and an
 * implementation may answer them from memory: everything access depends on is then current, but the
 * channel's {@code lastSeq} and {@code lastPos} may lag. Who needs those asks {@link #readCurrent}.
 */
public interface ChannelAccessReader {

  /**
   * The channel as seen by one user: {@code membership} is null for a conversation or a non-member,
   * {@code participant} is false for a server channel, {@code viewer} is empty when the user no
   * longer exists.
   */
  record ChannelView(
      Channel channel, Membership membership, boolean participant, Optional<User> viewer) {}

  /** Empty when the channel does not exist; the channel's positions may lag. */
  Optional<ChannelView> read(long channelId, long userId);

  /** As {@link #read}, with the channel's positions as committed now. */
  Optional<ChannelView> readCurrent(long channelId, long userId);
}
