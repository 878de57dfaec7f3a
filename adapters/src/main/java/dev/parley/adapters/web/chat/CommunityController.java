package dev.parley.adapters.web.chat;

import dev.parley.adapters.web.chat.ChatDtos.MemberDto;
import dev.parley.adapters.web.chat.CommunityDtos.BanDto;
import dev.parley.adapters.web.chat.CommunityDtos.BanRequest;
import dev.parley.adapters.web.chat.CommunityDtos.ChannelPatch;
import dev.parley.adapters.web.chat.CommunityDtos.InviteDto;
import dev.parley.adapters.web.chat.CommunityDtos.InviteRequest;
import dev.parley.adapters.web.chat.CommunityDtos.MemberPatch;
import dev.parley.adapters.web.chat.CommunityDtos.ServerPatch;
import dev.parley.adapters.web.chat.CommunityDtos.TimeoutRequest;
import dev.parley.adapters.web.support.Bodies;
import dev.parley.adapters.web.support.Caller;
import dev.parley.adapters.web.wire.ServerDtos.ChannelDto;
import dev.parley.adapters.web.wire.ServerDtos.ServerDto;
import dev.parley.application.port.in.InvitesUseCase;
import dev.parley.application.port.in.ManageServerUseCase;
import dev.parley.application.port.in.ManageServerUseCase.ChannelChanges;
import dev.parley.application.port.in.ManageServerUseCase.ServerChanges;
import dev.parley.application.port.in.ModerateMembersUseCase;
import dev.parley.application.port.in.ModerateMembersUseCase.MemberAction;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.server.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;

/** Editing servers and channels, roles, moderation (kick, ban, timeout) and invites. */
@Controller("/chat")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Moderation and invites")
public class CommunityController {
  private final ManageServerUseCase manage;
  private final ModerateMembersUseCase moderate;
  private final InvitesUseCase invites;

  CommunityController(
      ManageServerUseCase manage, ModerateMembersUseCase moderate, InvitesUseCase invites) {
    this.manage = manage;
    this.moderate = moderate;
    this.invites = invites;
  }

  /** Changes a server's name, description or icon (ADMIN). */
  @Patch("/servers/{serverId}")
  public ServerDto updateServer(
      Authentication auth, @PathVariable long serverId, @Body @Nullable ServerPatch body) {
    ServerPatch b = Bodies.require(body);
    return ServerDto.from(
        manage.updateServer(
            Caller.id(auth), serverId, new ServerChanges(b.name(), b.description(), b.icon())),
        null);
  }

  /** Renames, moves or recategorises a channel (ADMIN). */
  @Patch("/servers/{serverId}/channels/{channelId}")
  public ChannelDto updateChannel(
      Authentication auth,
      @PathVariable long serverId,
      @PathVariable long channelId,
      @Body @Nullable ChannelPatch body) {
    ChannelPatch b = Bodies.require(body);
    return ChannelDto.from(
        manage.updateChannel(
            Caller.id(auth),
            serverId,
            channelId,
            new ChannelChanges(b.name(), b.description(), b.category(), b.position())));
  }

  /** Deletes a channel and its messages (ADMIN). */
  @Delete("/servers/{serverId}/channels/{channelId}")
  @Status(HttpStatus.NO_CONTENT)
  public void deleteChannel(
      Authentication auth, @PathVariable long serverId, @PathVariable long channelId) {
    manage.deleteChannel(Caller.id(auth), serverId, channelId);
  }

  /** Changes a member's role (ADMIN; never the owner's). */
  @Patch("/servers/{serverId}/members/{userId}")
  public MemberDto changeRole(
      Authentication auth,
      @PathVariable long serverId,
      @PathVariable long userId,
      @Body @Nullable MemberPatch body) {
    MemberPatch b = Bodies.require(body);
    return MemberDto.from(
        moderate.changeRole(
            new MemberAction(Caller.id(auth), serverId, userId), Role.parse(b.role())));
  }

  /** Removes a member, who may come back by invite (moderators and admins). */
  @Post("/servers/{serverId}/members/{userId}/kick")
  @Status(HttpStatus.NO_CONTENT)
  public void kick(Authentication auth, @PathVariable long serverId, @PathVariable long userId) {
    moderate.kick(new MemberAction(Caller.id(auth), serverId, userId));
  }

  /** Times a member out (they read but cannot write); 0 seconds lifts it. */
  @Post("/servers/{serverId}/members/{userId}/timeout")
  public MemberDto timeout(
      Authentication auth,
      @PathVariable long serverId,
      @PathVariable long userId,
      @Body @Nullable TimeoutRequest body) {
    TimeoutRequest b = Bodies.require(body);
    if (b.durationSeconds() == null) {
      throw new InvalidInput("duration_seconds", "duration_seconds is required");
    }
    return MemberDto.from(
        moderate.timeout(
            new MemberAction(Caller.id(auth), serverId, userId),
            Duration.ofSeconds(b.durationSeconds())));
  }

  /** The server's bans (ADMIN). */
  @Get("/servers/{serverId}/bans")
  public List<BanDto> bans(Authentication auth, @PathVariable long serverId) {
    return moderate.bans(Caller.id(auth), serverId).stream().map(BanDto::from).toList();
  }

  /** Bans a user: removed, and unable to be added or to join by invite (ADMIN). */
  @Put("/servers/{serverId}/bans/{userId}")
  @Status(HttpStatus.NO_CONTENT)
  public void ban(
      Authentication auth,
      @PathVariable long serverId,
      @PathVariable long userId,
      @Body @Nullable BanRequest body) {
    moderate.ban(
        new MemberAction(Caller.id(auth), serverId, userId), body == null ? null : body.reason());
  }

  /** Lifts a ban (ADMIN). */
  @Delete("/servers/{serverId}/bans/{userId}")
  @Status(HttpStatus.NO_CONTENT)
  public void unban(Authentication auth, @PathVariable long serverId, @PathVariable long userId) {
    moderate.unban(new MemberAction(Caller.id(auth), serverId, userId));
  }

  /** Creates an invite code, optionally limited in uses and age (moderators and admins). */
  @Post("/servers/{serverId}/invites")
  @Status(HttpStatus.CREATED)
  public InviteDto createInvite(
      Authentication auth, @PathVariable long serverId, @Body @Nullable InviteRequest body) {
    Integer maxUses = body == null ? null : body.maxUses();
    Long maxAge = body == null ? null : body.maxAgeSeconds();
    return InviteDto.from(
        invites.create(
            Caller.id(auth), serverId, maxUses, maxAge == null ? null : Duration.ofSeconds(maxAge)),
        null);
  }

  /** The server's invites (moderators and admins). */
  @Get("/servers/{serverId}/invites")
  public List<InviteDto> invites(Authentication auth, @PathVariable long serverId) {
    return invites.list(Caller.id(auth), serverId).stream()
        .map(i -> InviteDto.from(i, null))
        .toList();
  }

  /** What an invite opens. */
  @Get("/invites/{code}")
  public InviteDto preview(Authentication auth, @PathVariable String code) {
    return InviteDto.from(invites.preview(Caller.id(auth), code));
  }

  /** Joins the invite's server. */
  @Post("/invites/{code}/join")
  public ServerDto join(Authentication auth, @PathVariable String code) {
    return ServerDto.from(invites.join(Caller.id(auth), code), Role.MEMBER.name());
  }

  /** Revokes an invite (its creator, moderators and admins). */
  @Delete("/invites/{code}")
  @Status(HttpStatus.NO_CONTENT)
  public void revoke(Authentication auth, @PathVariable String code) {
    invites.revoke(Caller.id(auth), code);
  }
}
