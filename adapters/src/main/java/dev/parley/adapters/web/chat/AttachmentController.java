package dev.parley.adapters.web.chat;

import dev.parley.adapters.web.chat.ChatDtos.AttachmentDto;
import dev.parley.adapters.web.error.ErrorBody;
import dev.parley.adapters.web.support.Caller;
import dev.parley.adapters.web.support.ContentDisposition;
import dev.parley.application.port.in.DownloadAttachmentUseCase;
import dev.parley.application.port.in.DownloadAttachmentUseCase.Download;
import dev.parley.application.port.in.UploadAttachmentCommand;
import dev.parley.application.port.in.UploadAttachmentUseCase;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.message.Attachment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Files in channels: uploaded by those who may post there, then carried by a message through its
 * {@code attachment_ids}, and downloadable by whoever can read the channel.
 */
@Controller("/chat")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Attachments")
public class AttachmentController {
  private final UploadAttachmentUseCase upload;
  private final DownloadAttachmentUseCase download;

  AttachmentController(UploadAttachmentUseCase upload, DownloadAttachmentUseCase download) {
    this.upload = upload;
    this.download = download;
  }

  /**
   * Uploads the multipart part {@code file} to a channel the caller may post to. The part's file
   * name is kept without control and bidi characters; its content type must be on the allow-list
   * (images, PDF, plain text, zip, common audio and video) and agree with the file's first bytes
   * ({@code application/octet-stream} takes the type the bytes show; markup is never accepted). The
   * size must be within the limit (8 MiB by default) and the uploader's quota. The upload is the
   * caller's alone until a message of theirs in the channel carries it.
   */
  @Post(value = "/channels/{channelId}/attachments", consumes = MediaType.MULTIPART_FORM_DATA)
  @Status(HttpStatus.CREATED)
  @ApiResponse(responseCode = "201", description = "The stored attachment")
  @ApiResponse(
      responseCode = "400",
      description =
          "No file part, an empty file, a bad file name, a type not allowed, content that is not"
              + " the declared type, or markup",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @ApiResponse(
      responseCode = "413",
      description = "The file is over the size limit or the uploader's quota",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public AttachmentDto upload(
      Authentication auth,
      @PathVariable long channelId,
      @Part("file") @Nullable CompletedFileUpload file) {
    if (file == null) {
      throw new InvalidInput("file", "a multipart part named 'file' is required");
    }
    try (InputStream content = file.getInputStream()) {
      return AttachmentDto.from(
          upload.upload(
              new UploadAttachmentCommand(
                  Caller.id(auth),
                  channelId,
                  ChannelExpectation.ANY,
                  file.getFilename(),
                  file.getContentType().map(MediaType::toString).orElse(null),
                  file.getSize(),
                  content)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Downloads an attachment's bytes, always as a download ({@code Content-Disposition: attachment})
   * and never sniffed into another type. Missing and not visible are the same 404.
   */
  @Get("/attachments/{attachmentId}")
  @ApiResponse(
      responseCode = "200",
      description = "The file's bytes, with its content type",
      content = @Content(mediaType = "application/octet-stream"))
  @ApiResponse(
      responseCode = "404",
      description = "No such attachment, or the caller may not see it",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public HttpResponse<StreamedFile> download(Authentication auth, @PathVariable long attachmentId) {
    Download found = download.open(Caller.id(auth), attachmentId);
    Attachment a = found.attachment();
    return HttpResponse.ok(
            new StreamedFile(found.content(), MediaType.of(a.contentType()), -1, a.size()))
        // Set now, not at encoding time, so filters see a file rather than the route's JSON.
        .contentType(MediaType.of(a.contentType()))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment(a.filename()))
        .header("X-Content-Type-Options", "nosniff")
        // Even if a browser were made to render it, the file gets no script and no origin.
        .header("Content-Security-Policy", "default-src 'none'; sandbox")
        .header(HttpHeaders.CACHE_CONTROL, "private, no-cache");
  }

  /** What is known about an attachment, under the same visibility as its download. */
  @Get("/attachments/{attachmentId}/meta")
  public AttachmentDto meta(Authentication auth, @PathVariable long attachmentId) {
    return AttachmentDto.from(download.describe(Caller.id(auth), attachmentId));
  }
}
