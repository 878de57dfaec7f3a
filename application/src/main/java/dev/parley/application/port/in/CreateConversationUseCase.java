package dev.parley.application.port.in;

/** Starts a DM (reusing an existing one between the same two users) or a group conversation. */
public interface CreateConversationUseCase {
  Conversation create(CreateConversationCommand command);
}
