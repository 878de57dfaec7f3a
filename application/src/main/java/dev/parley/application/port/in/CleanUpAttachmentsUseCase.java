package dev.parley.application.port.in;

/**
 * Removes the attachments nobody can download any more, rows and bytes: uploads never sent within
 * their time to live, and those of deleted messages. Run periodically.
 */
public interface CleanUpAttachmentsUseCase {

  /** Removes what is due now; how many attachments it removed. */
  int cleanUp();
}
