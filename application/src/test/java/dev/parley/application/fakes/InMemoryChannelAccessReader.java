package dev.parley.application.fakes;

import dev.parley.application.port.out.ChannelAccessReader;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.channel.Channel;
import java.util.Optional;

/**
 * {@link ChannelAccessReader} over the in-memory repositories, asking each in turn. {@link #read}
 * gives the channel's positions as lagging as the contract allows (as when the channel was made),
 * so a use case that wrongly relies on them there fails its tests.
 */
public class InMemoryChannelAccessReader implements ChannelAccessReader {
  private final ChannelRepository channels;
  private final MembershipRepository memberships;
  private final UserRepository users;

  public InMemoryChannelAccessReader(
      ChannelRepository channels, MembershipRepository memberships, UserRepository users) {
    this.channels = channels;
    this.memberships = memberships;
    this.users = users;
  }

  @Override
  public Optional<ChannelView> read(long channelId, long userId) {
    return readCurrent(channelId, userId)
        .map(
            view ->
                new ChannelView(
                    view.channel().atPositions(0, 0),
                    view.membership(),
                    view.participant(),
                    view.viewer()));
  }

  @Override
  public Optional<ChannelView> readCurrent(long channelId, long userId) {
    Optional<Channel> found = channels.findById(channelId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Channel channel = found.get();
    return Optional.of(
        new ChannelView(
            channel,
            channel.isServerless()
                ? null
                : memberships.find(channel.serverId(), userId).orElse(null),
            channel.isServerless() && channels.isParticipant(channelId, userId),
            users.findById(userId)));
  }
}
