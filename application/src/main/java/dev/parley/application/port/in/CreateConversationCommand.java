package dev.parley.application.port.in;

import dev.parley.domain.channel.Channel;
import dev.parley.domain.error.InvalidInput;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Input of {@link CreateConversationUseCase}. The creator always takes part. A DM has exactly one
 * other participant; a group has up to {@link #MAX_PARTICIPANTS} in all.
 */
public record CreateConversationCommand(
    long creatorId, String name, String description, boolean group, List<Long> participantIds) {

  public static final int MAX_PARTICIPANTS = 100;

  public CreateConversationCommand {
    Set<Long> everyone = new LinkedHashSet<>();
    everyone.add(creatorId);
    if (participantIds != null) {
      everyone.addAll(participantIds);
    }
    participantIds = List.copyOf(everyone);
    if (!group && participantIds.size() != 2) {
      throw new InvalidInput(
          "participant_ids", "a direct conversation needs exactly one other participant");
    }
    if (participantIds.size() > MAX_PARTICIPANTS) {
      throw new InvalidInput(
          "participant_ids", "a conversation has at most " + MAX_PARTICIPANTS + " participants");
    }
    name = name == null || name.isBlank() ? null : Channel.validName(name);
    description = Channel.validDescription(description);
  }
}
