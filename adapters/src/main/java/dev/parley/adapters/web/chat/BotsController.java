package dev.parley.adapters.web.chat;

import dev.parley.adapters.web.support.Bodies;
import dev.parley.adapters.web.support.Caller;
import dev.parley.application.port.in.BotsUseCase;
import dev.parley.application.port.in.BotsUseCase.BotInfo;
import dev.parley.application.port.in.BotsUseCase.CreatedBot;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/**
 * A server's bots, for its admins: create one (its token is shown once), list them, rotate or
 * revoke a token. A bot signs in with {@code Authorization: Bearer <token>} on REST and with a
 * socket ticket (or {@code ?token=}) on the gateway, as a member of its server like anyone.
 */
@Controller("/chat/servers/{serverId}/bots")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Bots")
public class BotsController {
  private final BotsUseCase bots;

  BotsController(BotsUseCase bots) {
    this.bots = bots;
  }

  /** Body of a new bot: its username. */
  @Serdeable
  public record NewBot(String name) {}

  /** A bot as its admins see it. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record BotDto(
      long id,
      String username,
      boolean bot,
      String role,
      long createdBy,
      String createdAt,
      boolean hasToken) {
    static BotDto from(BotInfo info) {
      return new BotDto(
          info.bot().id(),
          info.bot().username().value(),
          true,
          info.role() == null ? null : info.role().name(),
          info.createdBy(),
          ChatDtos.time(info.createdAt()),
          info.hasToken());
    }
  }

  /** A bot just made, with the token that is never shown again. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record CreatedBotDto(long id, String username, boolean bot, String role, String token) {
    static CreatedBotDto from(CreatedBot created) {
      return new CreatedBotDto(
          created.bot().id(),
          created.bot().username().value(),
          true,
          created.role().name(),
          created.token());
    }
  }

  /** A bot's new token. */
  @Serdeable
  public record TokenDto(String token) {}

  /** Creates a bot that joins the server as a member; answers its token once. */
  @Post
  @Status(HttpStatus.CREATED)
  @ApiResponse(responseCode = "201", description = "The bot, with its token (shown only now)")
  @ApiResponse(responseCode = "403", description = "Not an admin of the server")
  @ApiResponse(responseCode = "409", description = "The name is taken")
  public CreatedBotDto create(
      Authentication auth, @PathVariable long serverId, @Body @Nullable NewBot body) {
    NewBot b = Bodies.require(body);
    return CreatedBotDto.from(bots.create(Caller.id(auth), serverId, b.name()));
  }

  /** The server's bots (never their tokens). */
  @Get
  public List<BotDto> list(Authentication auth, @PathVariable long serverId) {
    return bots.list(Caller.id(auth), serverId).stream().map(BotDto::from).toList();
  }

  /** A new token for the bot; the old one stops working and the bot's sockets close. */
  @Post("/{botId}/token")
  public TokenDto rotate(
      Authentication auth, @PathVariable long serverId, @PathVariable long botId) {
    return new TokenDto(bots.rotateToken(Caller.id(auth), serverId, botId));
  }

  /** Revokes the bot's token; the bot's sockets close. */
  @Delete("/{botId}/token")
  @Status(HttpStatus.NO_CONTENT)
  public void revoke(Authentication auth, @PathVariable long serverId, @PathVariable long botId) {
    bots.revokeToken(Caller.id(auth), serverId, botId);
  }
}
