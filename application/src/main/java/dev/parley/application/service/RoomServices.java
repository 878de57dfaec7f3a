package dev.parley.application.service;

import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateChannelUseCase;
import dev.parley.application.port.in.RoomsUseCase;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.NotFound;
import java.util.List;

/** Rooms are the text channels of the public server; any member (every user) may add one. */
public final class RoomServices implements RoomsUseCase {
  private final ServerRepository servers;
  private final ChannelRepository channels;
  private final AccessGuard guard;
  private final CreateChannelUseCase createChannel;
  private volatile Long publicServerId;

  public RoomServices(
      ServerRepository servers,
      ChannelRepository channels,
      AccessGuard guard,
      CreateChannelUseCase createChannel) {
    this.servers = servers;
    this.channels = channels;
    this.guard = guard;
    this.createChannel = createChannel;
  }

  private long publicServer() {
    Long id = publicServerId;
    if (id == null) {
      id = servers.findPublic().orElseThrow(() -> new NotFound("There is no public server")).id();
      publicServerId = id;
    }
    return id;
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
    try {
      Channel channel =
          guard.requireChannelAtCurrentPosition(userId, roomId, publicServer()).channel();
      if (channel.kind() != ChannelKind.TEXT) {
        throw new NotFound("Room not found");
      }
      return channel;
    } catch (NotFound notFound) {
      throw new NotFound("Room not found");
    }
  }
}
