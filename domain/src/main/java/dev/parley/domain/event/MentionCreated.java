package dev.parley.domain.event;

import dev.parley.domain.message.PostedMessage;
import java.util.List;

/** A message mentions a user: they hear of it wherever they are looking. */
public record MentionCreated(long mentionedUserId, PostedMessage posted) implements ChatEvent {
  @Override
  public List<Topic> audience() {
    return List.of(Topic.user(mentionedUserId));
  }
}
