package dev.parley.application.port.in;

import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.message.ReactionCount;
import java.util.List;

/** Finds messages by their words among those the caller can see, newest first. */
public interface SearchMessagesUseCase {

  /** A matching message with its reactions. */
  record Hit(PostedMessage posted, List<ReactionCount> reactions) {}

  /** A page of hits; {@code nextBefore} is the {@code before} of the next page, null at the end. */
  record Results(List<Hit> hits, Long nextBefore) {}

  Results search(SearchMessagesQuery query);
}
