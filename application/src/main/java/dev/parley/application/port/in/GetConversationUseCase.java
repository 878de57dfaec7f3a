package dev.parley.application.port.in;

/**
 * One of the caller's conversations; NotFound ("Not a member of this conversation") when it does
 * not exist, is not a conversation, or the caller does not take part in it.
 */
public interface GetConversationUseCase {
  /** What a non-participant is told, whether or not the conversation exists. */
  String NOT_A_MEMBER = "Not a member of this conversation";

  Conversation get(long userId, long conversationId);
}
