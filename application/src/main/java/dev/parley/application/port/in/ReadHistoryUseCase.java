package dev.parley.application.port.in;

import dev.parley.domain.message.PostedMessage;
import java.util.List;

/** Reads a page of a channel's history the caller can see, oldest first. */
public interface ReadHistoryUseCase {
  List<PostedMessage> read(ReadHistoryQuery query);
}
