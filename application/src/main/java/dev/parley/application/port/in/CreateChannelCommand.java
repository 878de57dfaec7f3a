package dev.parley.application.port.in;

import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.InvalidInput;

/** Input of {@link CreateChannelUseCase}. A null position appends the channel at the end. */
public record CreateChannelCommand(
    long actorId,
    long serverId,
    String name,
    ChannelKind kind,
    String description,
    String category,
    Integer position) {

  public static final int MAX_POSITION = 10_000;

  public CreateChannelCommand {
    name = Channel.validName(name);
    if (kind == null) {
      kind = ChannelKind.TEXT;
    }
    if (kind.isConversation()) {
      throw new InvalidInput("type", "type must be TEXT or VOICE");
    }
    description = Channel.validDescription(description);
    category = Channel.validCategory(category);
    if (position != null && (position < 0 || position > MAX_POSITION)) {
      throw new InvalidInput("position", "position must be between 0 and " + MAX_POSITION);
    }
  }
}
