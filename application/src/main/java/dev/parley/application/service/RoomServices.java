package dev.parley.application.service;

import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateChannelUseCase;
import dev.parley.application.port.in.RoomsUseCase;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.channel.ChannelKind;
import java.util.List;

/** Rooms are the text channels of the public server; any member (every user) may add one. */
public final class RoomServices implements RoomsUseCase {
  private final ChannelRepository channels;
  private final AccessGuard guard;
  private final CreateChannelUseCase createChannel;

  public RoomServices(
      ChannelRepository channels, AccessGuard guard, CreateChannelUseCase createChannel) {
    this.channels = channels;
    this.guard = guard;
    this.createChannel = createChannel;
  }

  private long publicServer() {
    return guard.publicServerId();
  }

  @Override
  public List<Channel> list(long userId) {
    long serverId = publicServer();
    guard.requireMember(userId, serverId);
    return channels.listByServer(serverId).stream()
        .filter(c -> c.kind() == ChannelKind.TEXT)
        .toList();
  }

  @Override
  public Channel create(long userId, String name) {
    return createChannel.create(
        new CreateChannelCommand(userId, publicServer(), name, ChannelKind.TEXT, null, null, null));
  }

  @Override
  public Channel get(long userId, long roomId) {
    return guard.requireChannelAtCurrentPosition(userId, roomId, ChannelExpectation.ROOM).channel();
  }
}
