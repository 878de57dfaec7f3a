package dev.parley.application.port.in;

import dev.parley.domain.channel.Channel;
import java.util.List;

/** The channels of a server the caller belongs to, in display order. */
public interface ListChannelsUseCase {
  List<Channel> list(long userId, long serverId);
}
