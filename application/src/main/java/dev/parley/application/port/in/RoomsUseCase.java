package dev.parley.application.port.in;

import dev.parley.domain.channel.Channel;
import java.util.List;

/** Seed 004's rooms: the text channels of the public server, open to every user. */
public interface RoomsUseCase {
  List<Channel> list(long userId);

  Channel create(long userId, String name);

  /** The room, or NotFound when it is not a room of the public server. */
  Channel get(long userId, long roomId);
}
