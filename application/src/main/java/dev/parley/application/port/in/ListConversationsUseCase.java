package dev.parley.application.port.in;

import java.util.List;

/** The caller's conversations, newest first. */
public interface ListConversationsUseCase {
  List<Conversation> list(long userId);
}
