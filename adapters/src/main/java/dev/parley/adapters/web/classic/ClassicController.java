package dev.parley.adapters.web.classic;

import dev.parley.adapters.web.classic.ClassicDtos.MessageDto;
import dev.parley.adapters.web.classic.ClassicDtos.SendRequest;
import dev.parley.adapters.web.support.Bodies;
import dev.parley.adapters.web.support.Caller;
import dev.parley.adapters.web.support.HistoryReads;
import dev.parley.adapters.web.wire.ServerDtos.ChannelDto;
import dev.parley.adapters.web.wire.ServerDtos.CreateChannelRequest;
import dev.parley.adapters.web.wire.ServerDtos.CreateServerRequest;
import dev.parley.adapters.web.wire.ServerDtos.ServerDto;
import dev.parley.application.port.in.CreateChannelUseCase;
import dev.parley.application.port.in.CreateServerUseCase;
import dev.parley.application.port.in.ListChannelsUseCase;
import dev.parley.application.port.in.ListServersUseCase;
import dev.parley.application.port.in.ReadHistoryQuery;
import dev.parley.application.port.in.ReadHistoryQuery.Cursor;
import dev.parley.application.port.in.ReadHistoryUseCase;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.application.port.in.SendMessageUseCase;
import dev.parley.application.port.in.SendMessageUseCase.SendResult;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.message.MessageText;
import dev.parley.domain.server.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** The classic REST surface of seed 003: {@code /servers}, {@code /channels/{id}/messages}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Classic surface (seed 003)")
public class ClassicController {
  private final ListServersUseCase listServers;
  private final CreateServerUseCase createServer;
  private final ListChannelsUseCase listChannels;
  private final CreateChannelUseCase createChannel;
  private final ReadHistoryUseCase history;
  private final SendMessageUseCase sendMessage;

  ClassicController(
      ListServersUseCase listServers,
      CreateServerUseCase createServer,
      ListChannelsUseCase listChannels,
      CreateChannelUseCase createChannel,
      ReadHistoryUseCase history,
      SendMessageUseCase sendMessage) {
    this.listServers = listServers;
    this.createServer = createServer;
    this.listChannels = listChannels;
    this.createChannel = createChannel;
    this.history = history;
    this.sendMessage = sendMessage;
  }

  /** The caller's servers. */
  @Get("/servers")
  public List<ServerDto> servers(Authentication auth) {
    return listServers.list(Caller.id(auth)).stream().map(ServerDto::from).toList();
  }

  /** Creates a server owned by the caller. */
  @Post("/servers")
  @Status(HttpStatus.CREATED)
  public ServerDto createServer(Authentication auth, @Body @Nullable CreateServerRequest body) {
    CreateServerRequest b = Bodies.require(body);
    return ServerDto.from(createServer.create(b.toCommand(Caller.id(auth))), Role.ADMIN.name());
  }

  /** The server's channels. */
  @Get("/servers/{serverId}/channels")
  public List<ChannelDto> channels(Authentication auth, @PathVariable long serverId) {
    return listChannels.list(Caller.id(auth), serverId).stream().map(ChannelDto::from).toList();
  }

  /** Creates a channel (ADMIN of the server). */
  @Post("/servers/{serverId}/channels")
  @Status(HttpStatus.CREATED)
  public ChannelDto createChannel(
      Authentication auth, @PathVariable long serverId, @Body @Nullable CreateChannelRequest body) {
    CreateChannelRequest b = Bodies.require(body);
    return ChannelDto.from(createChannel.create(b.toCommand(Caller.id(auth), serverId)));
  }

  /** Posts a message; a repeated {@code nonce} returns the first one with 200. */
  @Post("/channels/{channelId}/messages")
  public HttpResponse<MessageDto> send(
      Authentication auth, @PathVariable long channelId, @Body @Nullable SendRequest body) {
    SendRequest b = Bodies.require(body);
    SendResult result =
        sendMessage.send(
            new SendMessageCommand(
                Caller.id(auth),
                channelId,
                ChannelExpectation.ANY,
                new MessageText(b.content()),
                b.nonce(),
                null));
    return HttpResponse.status(result.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
        .body(MessageDto.from(result.posted()));
  }

  /**
   * History, oldest first: the newest {@code limit} (default 50, at most 100) after skipping {@code
   * skip} from the newest end.
   */
  @Get("/channels/{channelId}/messages")
  @ExecuteOn(HistoryReads.EXECUTOR)
  public List<MessageDto> messages(
      Authentication auth,
      @PathVariable long channelId,
      @QueryValue @Nullable Integer skip,
      @QueryValue @Nullable Integer limit) {
    return history
        .read(
            ReadHistoryQuery.page(
                Caller.id(auth),
                channelId,
                ChannelExpectation.ANY,
                limit,
                new Cursor(skip, null, null, null)))
        .stream()
        .map(MessageDto::from)
        .toList();
  }
}
