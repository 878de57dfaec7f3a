package dev.parley.adapters.web.chat;

import dev.parley.adapters.web.chat.ChatDtos.AddMemberRequest;
import dev.parley.adapters.web.chat.ChatDtos.MemberDto;
import dev.parley.adapters.web.chat.ChatDtos.MessageDto;
import dev.parley.adapters.web.chat.ChatDtos.SendMessageRequest;
import dev.parley.adapters.web.support.Bodies;
import dev.parley.adapters.web.support.Caller;
import dev.parley.adapters.web.support.HistoryReads;
import dev.parley.adapters.web.wire.ServerDtos.ChannelDto;
import dev.parley.adapters.web.wire.ServerDtos.CreateChannelRequest;
import dev.parley.adapters.web.wire.ServerDtos.CreateServerRequest;
import dev.parley.adapters.web.wire.ServerDtos.ServerDto;
import dev.parley.application.port.in.AddMemberCommand;
import dev.parley.application.port.in.AddMemberUseCase;
import dev.parley.application.port.in.CreateChannelUseCase;
import dev.parley.application.port.in.CreateServerUseCase;
import dev.parley.application.port.in.DeleteServerUseCase;
import dev.parley.application.port.in.ListChannelsUseCase;
import dev.parley.application.port.in.ListMembersUseCase;
import dev.parley.application.port.in.ListServersUseCase;
import dev.parley.application.port.in.PresenceUseCase;
import dev.parley.application.port.in.ReadHistoryQuery.Cursor;
import dev.parley.application.port.in.ReadHistoryUseCase;
import dev.parley.application.port.in.ReadStateUseCase;
import dev.parley.application.port.in.RemoveMemberUseCase;
import dev.parley.application.port.in.SendMessageUseCase;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.channel.ChannelState;
import dev.parley.domain.server.Member;
import dev.parley.domain.server.Role;
import dev.parley.domain.user.Username;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
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
import java.util.Map;
import java.util.stream.Collectors;

/** The native REST API of seeds 000/001, under {@code /chat}. */
@Controller("/chat")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Servers, channels and messages")
public class ChatController {
  private final ListServersUseCase listServers;
  private final CreateServerUseCase createServer;
  private final DeleteServerUseCase deleteServer;
  private final ListChannelsUseCase listChannels;
  private final CreateChannelUseCase createChannel;
  private final ListMembersUseCase listMembers;
  private final AddMemberUseCase addMember;
  private final RemoveMemberUseCase removeMember;
  private final ReadHistoryUseCase history;
  private final SendMessageUseCase sendMessage;
  private final ReadStateUseCase readStates;
  private final PresenceUseCase presence;

  ChatController(
      ListServersUseCase listServers,
      CreateServerUseCase createServer,
      DeleteServerUseCase deleteServer,
      ListChannelsUseCase listChannels,
      CreateChannelUseCase createChannel,
      ListMembersUseCase listMembers,
      AddMemberUseCase addMember,
      RemoveMemberUseCase removeMember,
      ReadHistoryUseCase history,
      SendMessageUseCase sendMessage,
      ReadStateUseCase readStates,
      PresenceUseCase presence) {
    this.listServers = listServers;
    this.createServer = createServer;
    this.deleteServer = deleteServer;
    this.listChannels = listChannels;
    this.createChannel = createChannel;
    this.listMembers = listMembers;
    this.addMember = addMember;
    this.removeMember = removeMember;
    this.history = history;
    this.sendMessage = sendMessage;
    this.readStates = readStates;
    this.presence = presence;
  }

  /** The servers the caller belongs to, with their role and unread and mention counts. */
  @Get("/servers")
  public List<ServerDto> servers(Authentication auth) {
    long userId = Caller.id(auth);
    Map<Long, List<ChannelState>> byServer =
        readStates.states(userId).stream()
            .filter(c -> c.serverId() != null)
            .collect(Collectors.groupingBy(ChannelState::serverId));
    return listServers.list(userId).stream()
        .map(s -> ServerDto.from(s).withCounts(byServer.getOrDefault(s.server().id(), List.of())))
        .toList();
  }

  /** Creates a server; the caller becomes its owner and ADMIN. */
  @Post("/servers")
  @Status(HttpStatus.CREATED)
  public ServerDto createServer(Authentication auth, @Body @Nullable CreateServerRequest body) {
    CreateServerRequest b = Bodies.require(body);
    return ServerDto.from(createServer.create(b.toCommand(Caller.id(auth))), Role.ADMIN.name());
  }

  /** Deletes a server with its channels and messages (ADMIN). */
  @Delete("/servers/{serverId}")
  @Status(HttpStatus.NO_CONTENT)
  public void deleteServer(Authentication auth, @PathVariable long serverId) {
    deleteServer.delete(Caller.id(auth), serverId);
  }

  /** The server's channels in display order, with the caller's unread and mention counts. */
  @Get("/servers/{serverId}/channels")
  public List<ChannelDto> channels(Authentication auth, @PathVariable long serverId) {
    long userId = Caller.id(auth);
    List<Channel> channels = listChannels.list(userId, serverId);
    Map<Long, ChannelState> states =
        readStates.states(userId).stream()
            .collect(Collectors.toMap(ChannelState::channelId, c -> c, (a, b) -> a));
    return channels.stream().map(c -> ChannelDto.from(c, states.get(c.id()))).toList();
  }

  /** Creates a TEXT (default) or VOICE channel (ADMIN). */
  @Post("/servers/{serverId}/channels")
  @Status(HttpStatus.CREATED)
  public ChannelDto createChannel(
      Authentication auth, @PathVariable long serverId, @Body @Nullable CreateChannelRequest body) {
    CreateChannelRequest b = Bodies.require(body);
    return ChannelDto.from(createChannel.create(b.toCommand(Caller.id(auth), serverId)));
  }

  /** The server's members with their roles and presence. */
  @Get("/servers/{serverId}/members")
  public List<MemberDto> members(Authentication auth, @PathVariable long serverId) {
    List<Member> members = listMembers.list(Caller.id(auth), serverId);
    Map<Long, String> statuses =
        presence.statuses(members.stream().map(m -> m.membership().userId()).toList());
    return members.stream()
        .map(m -> MemberDto.from(m, statuses.getOrDefault(m.membership().userId(), "offline")))
        .toList();
  }

  /** Adds a user, by {@code user_id} or {@code username}, to the server (ADMIN). */
  @Post("/servers/{serverId}/members")
  @Status(HttpStatus.CREATED)
  public MemberDto addMember(
      Authentication auth, @PathVariable long serverId, @Body @Nullable AddMemberRequest body) {
    AddMemberRequest b = Bodies.require(body);
    return MemberDto.from(
        addMember.add(
            new AddMemberCommand(
                Caller.id(auth),
                serverId,
                b.userId(),
                b.username() == null ? null : new Username(b.username()),
                b.role() == null ? null : Role.parse(b.role()))));
  }

  /** Removes a member (ADMIN), or leaves when the id is the caller's own. */
  @Delete("/servers/{serverId}/members/{userId}")
  @Status(HttpStatus.NO_CONTENT)
  public void removeMember(
      Authentication auth, @PathVariable long serverId, @PathVariable long userId) {
    removeMember.remove(Caller.id(auth), serverId, userId);
  }

  /**
   * A page of history, oldest first: the newest {@code limit} (default 50, at most 100), skipping
   * {@code offset} from the newest end, or the page {@code before} / {@code after} a message id, or
   * {@code after_seq} a sequence number.
   */
  @Get("/servers/{serverId}/channels/{channelId}/messages")
  @ExecuteOn(HistoryReads.EXECUTOR)
  public List<MessageDto> messages(
      Authentication auth,
      @PathVariable long serverId,
      @PathVariable long channelId,
      @QueryValue @Nullable Integer limit,
      @QueryValue @Nullable Integer offset,
      @QueryValue @Nullable Long before,
      @QueryValue @Nullable Long after,
      @QueryValue("after_seq") @Nullable Long afterSeq) {
    return ChatDtos.historyPage(
        history,
        Caller.id(auth),
        channelId,
        ChannelExpectation.ofServer(serverId),
        limit,
        new Cursor(offset, before, after, afterSeq));
  }

  /**
   * Posts a message, maybe carrying the caller's uploads to the channel ({@code attachment_ids}, at
   * most 10; the text may then be empty). A repeated {@code nonce} (or {@code Idempotency-Key}
   * header) returns the first message with 200 instead of creating another.
   */
  @Post("/servers/{serverId}/channels/{channelId}/messages")
  public HttpResponse<MessageDto> send(
      Authentication auth,
      @PathVariable long serverId,
      @PathVariable long channelId,
      @Header("Idempotency-Key") @Nullable String idempotencyKey,
      @Body @Nullable SendMessageRequest body) {
    return SendMessageRequest.answer(
        sendMessage.send(
            Bodies.require(body)
                .toCommand(
                    Caller.id(auth),
                    channelId,
                    ChannelExpectation.ofServer(serverId),
                    idempotencyKey)));
  }
}
