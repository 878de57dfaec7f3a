package dev.parley.application.port.in;

import dev.parley.domain.channel.Channel;

/** Adds a channel to a server (ADMIN; any member may add a text room to the public server). */
public interface CreateChannelUseCase {
  Channel create(CreateChannelCommand command);
}
