package dev.parley.application.service;

import dev.parley.application.port.out.ChannelAccessReader;
import dev.parley.application.port.out.ChannelAccessReader.ChannelView;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.channel.Visibility;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Permission;
import dev.parley.domain.user.User;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Applies the visibility rule and the role matrix for every use case: what a user may not see is
 * reported as missing, what they may see but not do as denied.
 */
public final class AccessGuard {
  private final ChannelRepository channels;
  private final MembershipRepository memberships;
  private final ChannelAccessReader views;
  private final ServerRepository servers;
  private final Clock clock;
  // The public server never changes once created: read it once, not on every room request.
  private volatile Long publicServerId;
  // One supplier for every check: a method reference per call would allocate on the send path.
  private final LongSupplier publicServer = this::publicServerId;

  public AccessGuard(
      ChannelRepository channels,
      MembershipRepository memberships,
      ChannelAccessReader views,
      ServerRepository servers,
      Clock clock) {
    this.channels = channels;
    this.memberships = memberships;
    this.views = views;
    this.servers = servers;
    this.clock = clock;
  }

  /** The public server's id (seed 004's rooms live there); NotFound when there is none. */
  public long publicServerId() {
    Long id = publicServerId;
    if (id == null) {
      id = servers.findPublic().orElseThrow(() -> new NotFound("There is no public server")).id();
      publicServerId = id;
    }
    return id;
  }

  /**
   * A visible channel, for server channels the caller's membership, and the caller (read in the
   * same step; empty if the account is gone).
   */
  public record ChannelAccess(Channel channel, Membership membership, Optional<User> caller) {}

  /** The caller's membership, or NotFound as if the server did not exist. */
  public Membership requireMember(long userId, long serverId) {
    return memberships.find(serverId, userId).orElseThrow(() -> new NotFound("Server not found"));
  }

  /** The caller's membership when their role grants {@code permission}. */
  public Membership requirePermission(
      long userId, long serverId, Permission permission, String denial) {
    Membership membership = requireMember(userId, serverId);
    if (!membership.allows(permission)) {
      throw new PermissionDenied(denial);
    }
    if (permission != Permission.READ) {
      requireActive(membership);
    }
    return membership;
  }

  /**
   * Whether the member's role grants the permission now: a timed-out member keeps only reading (a
   * timeout silences moderators and admins too, not only members).
   */
  public boolean allows(Membership membership, Permission permission) {
    return membership.allows(permission)
        && (permission == Permission.READ || !membership.isTimedOut(clock.instant()));
  }

  /** Refuses any write by a member who is timed out. */
  public void requireActive(Membership membership) {
    if (membership.isTimedOut(clock.instant())) {
      throw new PermissionDenied("You are timed out until " + membership.timeoutUntil());
    }
  }

  /** Whether a user may see a channel, by the one rule. */
  public boolean canSee(long userId, Channel channel) {
    if (channel.isServerless()) {
      return channels.isParticipant(channel.id(), userId);
    }
    return Visibility.canSee(
        channel, memberships.find(channel.serverId(), userId).orElse(null), false);
  }

  /** Refuses writing (sending, reacting, typing) to a member who is timed out. */
  public static void requireNotTimedOut(ChannelAccess access, Instant now) {
    if (access.membership() != null && access.membership().isTimedOut(now)) {
      throw new PermissionDenied("You are timed out until " + access.membership().timeoutUntil());
    }
  }

  /**
   * A channel the caller may post to, by sending a message or uploading a file for one: visible,
   * not voice, their role lets them send, and they are not timed out.
   */
  public ChannelAccess requirePoster(
      long userId, long channelId, ChannelExpectation expected, Instant now) {
    ChannelAccess access = requireChannel(userId, channelId, expected);
    if (!access.channel().kind().carriesMessages()) {
      throw new InvalidInput("channelId", "Messages cannot be sent to a voice channel");
    }
    if (access.membership() != null && !access.membership().allows(Permission.SEND_MESSAGES)) {
      throw new PermissionDenied("You may not send messages here");
    }
    requireNotTimedOut(access, now);
    return access;
  }

  /**
   * The channel if the caller may see it and it is what the route {@code expected}; otherwise
   * NotFound in the expectation's words. One read answers both.
   */
  public ChannelAccess requireChannel(long userId, long channelId, ChannelExpectation expected) {
    return check(views.read(channelId, userId), expected);
  }

  /**
   * As {@link #requireChannel}, with the channel's {@code lastSeq} and {@code lastPos} as committed
   * now, for use cases that compare a client's position with the channel's.
   */
  public ChannelAccess requireChannelAtCurrentPosition(
      long userId, long channelId, ChannelExpectation expected) {
    return check(views.readCurrent(channelId, userId), expected);
  }

  private ChannelAccess check(Optional<ChannelView> read, ChannelExpectation expected) {
    Objects.requireNonNull(
        expected, "a route's channel expectation (ChannelExpectation.ANY if none)");
    ChannelView view = read.orElseThrow(() -> new NotFound(expected.missing()));
    Channel channel = view.channel();
    if (!expected.accepts(channel, publicServer)) {
      throw new NotFound(expected.missing());
    }
    Membership membership = channel.isServerless() ? null : view.membership();
    boolean participant = channel.isServerless() && view.participant();
    if (!Visibility.canSee(channel, membership, participant)) {
      throw new NotFound(expected.missing());
    }
    return new ChannelAccess(channel, membership, view.viewer());
  }
}
