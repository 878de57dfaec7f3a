package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.fakes.InMemoryMembershipRepository;
import dev.parley.application.fakes.RecordingConnection;
import dev.parley.application.port.in.AddMemberCommand;
import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateServerCommand;
import dev.parley.application.port.in.ModerateMembersUseCase.MemberAction;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.application.realtime.ConnectionScope;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.event.MessageCreated;
import dev.parley.domain.message.MessageText;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 (suspected): a kick that lands between the gateway's read of the user's servers and its
 * subscriptions must not leave the kicked user following the server. The membership store runs the
 * kick right after the read, which makes the interleaving certain.
 */
class GatewayAttachRaceTest {
  private final ChatWorld w = new ChatWorld();
  private final User owner = w.user("owner");
  private final User member = w.user("member");
  private final Server server =
      w.serverServices.create(new CreateServerCommand(owner.id(), "s", null, null));
  private final long channelId =
      w.channelServices
          .create(
              new CreateChannelCommand(
                  owner.id(), server.id(), "general", ChannelKind.TEXT, null, null, null))
          .id();

  /** Memberships that run {@link #afterRead} once, right after the user's reach is read. */
  private class RacingMemberships extends InMemoryMembershipRepository {
    Runnable afterRead = () -> {};

    RacingMemberships() {
      super(w.store);
    }

    @Override
    public Reach reachOf(long userId) {
      Reach reach = read(userId);
      Runnable hook = afterRead;
      afterRead = () -> {};
      hook.run();
      return reach;
    }

    Reach read(long userId) {
      return super.reachOf(userId);
    }
  }

  /**
   * Racing memberships that keep each reach in memory until told of a change, like the JDBC one
   * whose notice from PostgreSQL has not arrived yet: only {@link #reachChanged} makes them read
   * again.
   */
  private final class KeepingMemberships extends RacingMemberships {
    private final Map<Long, Reach> kept = new HashMap<>();

    @Override
    Reach read(long userId) {
      Reach reach = kept.get(userId);
      if (reach == null) {
        reach = super.read(userId);
        kept.put(userId, reach);
      }
      return reach;
    }

    @Override
    public void reachChanged(long userId) {
      kept.remove(userId);
    }
  }

  /** A world whose delivery and gateway share the given memberships. */
  private GatewayService gatewayOver(InMemoryMembershipRepository memberships) {
    w.deliverWith(new EventDeliveryService(w.registry, memberships));
    return new GatewayService(w.registry, memberships, w.guard, w.presenceService);
  }

  @Test
  void aKickBetweenTheReadAndTheSubscribeLeavesNoSubscription() {
    w.memberServices.add(new AddMemberCommand(owner.id(), server.id(), member.id(), null, null));

    RacingMemberships memberships = new RacingMemberships();
    GatewayService gateway =
        new GatewayService(w.registry, memberships, w.guard, w.presenceService);
    memberships.afterRead =
        () -> w.moderation.kick(new MemberAction(owner.id(), server.id(), member.id()));

    RecordingConnection connection =
        new RecordingConnection(member.id(), ConnectionScope.EVERYTHING);
    gateway.connect(connection);
    assertThat(w.memberships.find(server.id(), member.id())).isEmpty();

    w.send.send(
        new SendMessageCommand(
            owner.id(),
            channelId,
            ChannelExpectation.ofServer(server.id()),
            new MessageText("after the kick"),
            null,
            null));

    assertThat(connection.received)
        .as("what the kicked member's gateway received")
        .noneMatch(e -> e instanceof MessageCreated);
  }

  @Test
  void aJoinAndAKickBeforeTheSubscribeStillEndSubscribedWhenTheUserRejoined() {
    AddMemberCommand add = new AddMemberCommand(owner.id(), server.id(), member.id(), null, null);
    w.memberServices.add(add);

    RacingMemberships memberships = new RacingMemberships();
    GatewayService gateway =
        new GatewayService(w.registry, memberships, w.guard, w.presenceService);
    memberships.afterRead =
        () -> {
          w.moderation.kick(new MemberAction(owner.id(), server.id(), member.id()));
          w.memberServices.add(add);
        };

    RecordingConnection connection =
        new RecordingConnection(member.id(), ConnectionScope.EVERYTHING);
    gateway.connect(connection);

    w.send.send(
        new SendMessageCommand(
            owner.id(),
            channelId,
            ChannelExpectation.ofServer(server.id()),
            new MessageText("welcome back"),
            null,
            null));

    assertThat(connection.received).anyMatch(e -> e instanceof MessageCreated);
  }

  @Test
  void aKickBetweenAKeptReadAndTheSubscribeLeavesNoSubscription() {
    w.memberServices.add(new AddMemberCommand(owner.id(), server.id(), member.id(), null, null));

    KeepingMemberships memberships = new KeepingMemberships();
    GatewayService gateway = gatewayOver(memberships);
    memberships.afterRead =
        () -> w.moderation.kick(new MemberAction(owner.id(), server.id(), member.id()));

    RecordingConnection connection =
        new RecordingConnection(member.id(), ConnectionScope.EVERYTHING);
    gateway.connect(connection);
    w.send.send(
        new SendMessageCommand(
            owner.id(),
            channelId,
            ChannelExpectation.ofServer(server.id()),
            new MessageText("after the kick"),
            null,
            null));

    assertThat(connection.received)
        .as("what the kicked member's gateway received")
        .noneMatch(e -> e instanceof MessageCreated);
  }

  @Test
  void aJoinHeardHereMakesTheNextConnectFollowTheServerEvenFromAKeptReach() {
    KeepingMemberships memberships = new KeepingMemberships();
    GatewayService gateway = gatewayOver(memberships);
    RecordingConnection first = new RecordingConnection(member.id(), ConnectionScope.EVERYTHING);
    gateway.connect(first);
    gateway.disconnect(first);

    w.memberServices.add(new AddMemberCommand(owner.id(), server.id(), member.id(), null, null));
    RecordingConnection second = new RecordingConnection(member.id(), ConnectionScope.EVERYTHING);
    gateway.connect(second);
    w.send.send(
        new SendMessageCommand(
            owner.id(),
            channelId,
            ChannelExpectation.ofServer(server.id()),
            new MessageText("welcome"),
            null,
            null));

    assertThat(second.received).anyMatch(e -> e instanceof MessageCreated);
  }
}
