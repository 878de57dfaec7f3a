package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.fakes.DirectTransactions;
import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateServerCommand;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.Conflict;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CreationLimitsTest {
  private final ChatWorld w = new ChatWorld();
  private final CreationLimits small = new CreationLimits(2, 3, 2);
  private final ServerServices servers =
      new ServerServices(
          w.servers,
          w.memberships,
          w.users,
          w.guard,
          new DirectTransactions(),
          w.publisher,
          w.clock,
          small);
  private final ChannelServices channels =
      new ChannelServices(w.channels, w.servers, w.guard, w.publisher, w.clock, small);
  private final InviteServices invites =
      new InviteServices(
          w.inviteRepository,
          w.servers,
          w.memberships,
          w.bans,
          w.users,
          w.guard,
          new DirectTransactions(),
          w.publisher,
          w.clock,
          small);
  private final User owner = w.user("owner");

  @Test
  void aUserOwnsABoundedNumberOfServers() {
    servers.create(new CreateServerCommand(owner.id(), "one", null, null));
    servers.create(new CreateServerCommand(owner.id(), "two", null, null));
    assertThatThrownBy(() -> servers.create(new CreateServerCommand(owner.id(), "3", null, null)))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("at most 2");
    // Another user is not affected.
    User other = w.user("other");
    assertThat(servers.create(new CreateServerCommand(other.id(), "x", null, null))).isNotNull();
  }

  @Test
  void aServerHoldsBoundedChannelsAndInvites() {
    Server server = servers.create(new CreateServerCommand(owner.id(), "g", null, null));
    for (int i = 0; i < 3; i++) {
      channels.create(
          new CreateChannelCommand(
              owner.id(), server.id(), "c" + i, ChannelKind.TEXT, null, null, null));
    }
    assertThatThrownBy(
            () ->
                channels.create(
                    new CreateChannelCommand(
                        owner.id(), server.id(), "c9", ChannelKind.TEXT, null, null, null)))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("channels");
    invites.create(owner.id(), server.id(), null, null);
    String second = invites.create(owner.id(), server.id(), null, Duration.ofDays(1)).code();
    assertThatThrownBy(() -> invites.create(owner.id(), server.id(), null, null))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("invites");
    // A revoked invite no longer counts.
    invites.revoke(owner.id(), second);
    assertThat(invites.create(owner.id(), server.id(), null, null)).isNotNull();
  }
}
