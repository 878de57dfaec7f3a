package dev.parley.application.port.in;

import dev.parley.domain.message.Attachment;

/**
 * Uploads a file to a channel the caller may post to, within the size and type limits; a message of
 * theirs in that channel can then carry it.
 */
public interface UploadAttachmentUseCase {
  Attachment upload(UploadAttachmentCommand command);
}
