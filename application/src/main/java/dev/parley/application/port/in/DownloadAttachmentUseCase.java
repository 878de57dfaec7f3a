package dev.parley.application.port.in;

import dev.parley.domain.message.Attachment;
import java.io.InputStream;

/**
 * Reads an attachment the caller may see: one in a channel they can read, carried by a message that
 * is not deleted (or, before it is sent, their own upload). Anything else is not found.
 */
public interface DownloadAttachmentUseCase {

  /** An attachment with its bytes, to be closed by the caller. */
  record Download(Attachment attachment, InputStream content) {}

  Attachment describe(long userId, long attachmentId);

  Download open(long userId, long attachmentId);
}
