package dev.parley.adapters.web.chat;

import dev.parley.adapters.web.chat.ChatDtos.MessageDto;
import dev.parley.adapters.web.support.Caller;
import dev.parley.application.port.in.PinCommand;
import dev.parley.application.port.in.PinUseCase;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.message.Pin;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/**
 * Pinned messages: moderators and admins pin a server channel's messages, any participant a
 * conversation's; whoever sees the channel lists its pins. Live changes reach the native gateway as
 * {@code message_pinned} and {@code message_unpinned}.
 */
@Controller("/chat")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Servers, channels and messages")
public class PinsController {
  private final PinUseCase pins;

  PinsController(PinUseCase pins) {
    this.pins = pins;
  }

  /** A pinned message, with who pinned it and when; the latest pin comes first. */
  @Serdeable
  public record PinDto(MessageDto message, long pinnedBy, String pinnedByName, String pinnedAt) {
    static PinDto from(Pin pin) {
      return new PinDto(
          MessageDto.from(pin.message()),
          pin.pinnedBy(),
          pin.pinnedByName(),
          ChatDtos.time(pin.pinnedAt()));
    }
  }

  /** Pins a message to its channel; pinning a pinned message changes nothing. */
  @Put("/messages/{messageId}/pin")
  @Status(HttpStatus.NO_CONTENT)
  @ApiResponse(responseCode = "204", description = "The message is pinned")
  @ApiResponse(responseCode = "403", description = "A member without the right to pin")
  @ApiResponse(responseCode = "404", description = "No such message, or not one the caller sees")
  @ApiResponse(responseCode = "409", description = "The channel already has the most pins allowed")
  public void pin(Authentication auth, @PathVariable long messageId) {
    pins.pin(new PinCommand(Caller.id(auth), messageId, true));
  }

  /** Unpins a message; unpinning a message that is not pinned changes nothing. */
  @Delete("/messages/{messageId}/pin")
  @Status(HttpStatus.NO_CONTENT)
  @ApiResponse(responseCode = "204", description = "The message is not pinned")
  @ApiResponse(responseCode = "403", description = "A member without the right to pin")
  @ApiResponse(responseCode = "404", description = "No such message, or not one the caller sees")
  public void unpin(Authentication auth, @PathVariable long messageId) {
    pins.pin(new PinCommand(Caller.id(auth), messageId, false));
  }

  /** The pinned messages of a server channel, the latest pin first. */
  @Get("/servers/{serverId}/channels/{channelId}/pins")
  public List<PinDto> channelPins(
      Authentication auth, @PathVariable long serverId, @PathVariable long channelId) {
    return pins.pins(Caller.id(auth), channelId, ChannelExpectation.ofServer(serverId)).stream()
        .map(PinDto::from)
        .toList();
  }

  /** The pinned messages of a thread, the latest pin first. */
  @Get("/threads/{threadId}/pins")
  public List<PinDto> threadPins(Authentication auth, @PathVariable long threadId) {
    return pins.pins(Caller.id(auth), threadId, ChannelExpectation.THREAD).stream()
        .map(PinDto::from)
        .toList();
  }

  /** The pinned messages of a direct or group conversation, the latest pin first. */
  @Get("/conversations/{conversationId}/pins")
  public List<PinDto> conversationPins(Authentication auth, @PathVariable long conversationId) {
    return pins.pins(Caller.id(auth), conversationId, ChannelExpectation.CONVERSATION).stream()
        .map(PinDto::from)
        .toList();
  }
}
