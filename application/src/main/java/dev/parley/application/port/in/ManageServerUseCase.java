package dev.parley.application.port.in;

import dev.parley.domain.channel.Channel;
import dev.parley.domain.server.Server;

/** Editing a server and its channels (ADMIN). */
public interface ManageServerUseCase {

  /** New values; null keeps the current one, blank clears an optional one. */
  record ServerChanges(String name, String description, String icon) {}

  /** New values; null keeps the current one, blank clears an optional one. */
  record ChannelChanges(String name, String description, String category, Integer position) {}

  Server updateServer(long actorId, long serverId, ServerChanges changes);

  Channel updateChannel(long actorId, long serverId, long channelId, ChannelChanges changes);

  void deleteChannel(long actorId, long serverId, long channelId);
}
