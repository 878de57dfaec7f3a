package dev.parley.application.port.in;

import dev.parley.domain.channel.ChannelExpectation;
import java.io.InputStream;

/**
 * Input of {@link UploadAttachmentUseCase}: the file as the client described it. {@code size} is
 * what the transport received, or -1 when unknown; the content is measured while stored anyway.
 */
public record UploadAttachmentCommand(
    long userId,
    long channelId,
    ChannelExpectation expected,
    String filename,
    String contentType,
    long size,
    InputStream content) {
  public UploadAttachmentCommand {
    expected = expected == null ? ChannelExpectation.ANY : expected;
  }
}
