package dev.parley.adapters.web.chat;

import dev.parley.adapters.web.chat.ExportDtos.AccountDto;
import dev.parley.adapters.web.chat.ExportDtos.ChannelDto;
import dev.parley.adapters.web.chat.ExportDtos.MembershipDto;
import dev.parley.adapters.web.chat.ExportDtos.MessageDto;
import dev.parley.adapters.web.chat.ExportDtos.ServerDto;
import dev.parley.adapters.web.chat.ExportDtos.ThreadRefDto;
import dev.parley.adapters.web.error.ErrorBody;
import dev.parley.adapters.web.support.Caller;
import dev.parley.adapters.web.support.ContentDisposition;
import dev.parley.application.port.in.ExportDataUseCase;
import dev.parley.application.port.in.ExportDataUseCase.AccountExport;
import dev.parley.application.port.in.ExportDataUseCase.ChannelMessages;
import dev.parley.application.port.in.ExportDataUseCase.ServerExport;
import dev.parley.domain.message.PostedMessage;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.json.JsonMapper;
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
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Data exports as JSON downloads, streamed: the document is written while its messages are read, a
 * page at a time, so neither side ever holds all of them.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Data export")
public class ExportController {
  private final ExportDataUseCase exports;
  private final JsonMapper json;

  ExportController(ExportDataUseCase exports, JsonMapper json) {
    this.exports = exports;
    this.json = json;
  }

  /**
   * Everything the caller wrote and their account: the account (no password hash), their servers
   * with their roles, their conversations, and every message they wrote in any channel or
   * conversation, by id; deleted ones are listed with {@code deleted: true} and no text or files.
   * One export per user per {@code parley.export.interval} (one minute by default); a HEAD request
   * answers the headers without exporting or spending it.
   */
  @Get("/users/me/export")
  @ApiResponse(
      responseCode = "200",
      description = "The export document, streamed (chunked), as a download",
      content = @Content(mediaType = MediaType.APPLICATION_JSON))
  @ApiResponse(
      responseCode = "429",
      description = "Exported too recently; Retry-After says when to try again",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public HttpResponse<StreamedFile> account(HttpRequest<?> request, Authentication auth) {
    long userId = Caller.id(auth);
    if (request.getMethod() == HttpMethod.HEAD) {
      // Headers only: nothing is exported and none of the rate limit is spent.
      String username = exports.accountToExport(userId).username().value();
      return headers(HttpResponse.ok(), "parley-export-" + username + ".json");
    }
    AccountExport export = exports.exportAccount(userId);
    Iterator<byte[]> document =
        JsonChunks.sequence(
            List.of(
                head("parley-account-export", export.exportedAt()),
                () -> field("account", AccountDto.from(export.account()), ","),
                () ->
                    field(
                        "servers",
                        export.servers().stream().map(s -> MembershipDto.from(s, userId)).toList(),
                        ","),
                () ->
                    field(
                        "conversations",
                        export.conversations().stream().map(ChannelDto::from).toList(),
                        ","),
                () -> JsonChunks.text("\"messages\":"),
                () -> messages(export.messages()),
                () -> JsonChunks.text("}")));
    return download(document, "parley-export-" + export.account().username().value() + ".json");
  }

  /**
   * A whole server, for its owner: the server, and each channel with all its messages, oldest first
   * (deleted ones with {@code deleted: true} and no text or files). A member who is not the owner
   * gets 403; anyone else 404, as for every server route. One export per server per {@code
   * parley.export.interval}.
   */
  @Get("/chat/servers/{serverId}/export")
  @ApiResponse(
      responseCode = "200",
      description = "The export document, streamed (chunked), as a download",
      content = @Content(mediaType = MediaType.APPLICATION_JSON))
  @ApiResponse(
      responseCode = "403",
      description = "The caller is a member but not the server's owner",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @ApiResponse(
      responseCode = "404",
      description = "No such server, or the caller is not a member",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @ApiResponse(
      responseCode = "429",
      description = "Exported too recently; Retry-After says when to try again",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public HttpResponse<StreamedFile> server(
      HttpRequest<?> request, Authentication auth, @PathVariable long serverId) {
    if (request.getMethod() == HttpMethod.HEAD) {
      exports.checkServerExport(Caller.id(auth), serverId);
      return headers(HttpResponse.ok(), "parley-server-" + serverId + ".json");
    }
    ServerExport export = exports.exportServer(Caller.id(auth), serverId);
    Iterator<byte[]> document =
        JsonChunks.sequence(
            List.of(
                head("parley-server-export", export.exportedAt()),
                () -> field("server", ServerDto.from(export.server()), ","),
                () -> JsonChunks.text("\"channels\":"),
                () -> JsonChunks.array(export.channels(), this::channel),
                () -> JsonChunks.text("}")));
    return download(document, "parley-server-" + serverId + ".json");
  }

  private Supplier<Iterator<byte[]>> head(String format, Instant exportedAt) {
    return () ->
        JsonChunks.text(
            "{\"format\":\"" + format + "\",\"version\":1,\"exported_at\":\"" + exportedAt + "\",");
  }

  private Iterator<byte[]> channel(ChannelMessages channel) {
    return JsonChunks.sequence(
        List.of(
            () -> JsonChunks.text("{"),
            () -> field("channel", ChannelDto.from(channel.channel()), ","),
            () ->
                channel.thread() == null
                    ? List.<byte[]>of().iterator()
                    : field("thread", ThreadRefDto.from(channel.thread()), ","),
            () -> JsonChunks.text("\"messages\":"),
            () -> messages(channel.messages()),
            () -> JsonChunks.text("}")));
  }

  private Iterator<byte[]> messages(Iterable<PostedMessage> messages) {
    return JsonChunks.array(messages, m -> List.of(bytes(MessageDto.from(m))).iterator());
  }

  private Iterator<byte[]> field(String name, Object value, String after) {
    return JsonChunks.sequence(
        List.of(
            () -> JsonChunks.text("\"" + name + "\":"),
            () -> List.of(bytes(value)).iterator(),
            () -> JsonChunks.text(after)));
  }

  private byte[] bytes(Object value) {
    try {
      return json.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpResponse<StreamedFile> download(Iterator<byte[]> document, String filename) {
    // No length: the body is chunked, written as it is read.
    return headers(
        HttpResponse.ok(
            new StreamedFile(JsonChunks.stream(document), MediaType.APPLICATION_JSON_TYPE)),
        filename);
  }

  private static <T> MutableHttpResponse<T> headers(
      MutableHttpResponse<T> response, String filename) {
    return response
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment(filename))
        .header(HttpHeaders.CACHE_CONTROL, "no-store");
  }
}
