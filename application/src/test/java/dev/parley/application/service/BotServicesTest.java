package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.fakes.DirectTransactions;
import dev.parley.application.fakes.InMemoryBotRepository;
import dev.parley.application.fakes.InMemorySessionRepository;
import dev.parley.application.fakes.InMemorySocketTicketStore;
import dev.parley.application.port.in.AddMemberCommand;
import dev.parley.application.port.in.AuthenticateUseCase.Credential;
import dev.parley.application.port.in.AuthenticateUseCase.Identity;
import dev.parley.application.port.in.BotsUseCase.CreatedBot;
import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateServerCommand;
import dev.parley.application.port.in.ReadHistoryQuery;
import dev.parley.application.port.in.ReadHistoryQuery.Cursor;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.InvalidCredentials;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.event.MemberJoined;
import dev.parley.domain.event.SessionEnded;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bots: made by admins, signed in by their token only, marked as bots in what they post. */
class BotServicesTest {
  private final ChatWorld w = new ChatWorld();
  private final InMemorySessionRepository sessions = new InMemorySessionRepository();
  private final BotServices bots =
      new BotServices(
          w.guard,
          w.users,
          w.memberships,
          new InMemoryBotRepository(),
          sessions,
          new DirectTransactions(),
          w.publisher,
          w.clock);
  private final AuthenticationService authentication =
      new AuthenticationService(
          sessions,
          new InMemorySocketTicketStore(),
          w.users,
          new DirectTransactions(),
          w.clock,
          List.of());
  private final User admin = w.user("admin");
  private final User member = w.user("member");
  private final User outsider = w.user("outsider");
  private final Server server =
      w.serverServices.create(new CreateServerCommand(admin.id(), "S", null, null));

  BotServicesTest() {
    w.memberServices.add(new AddMemberCommand(admin.id(), server.id(), member.id(), null, null));
  }

  private Identity signIn(String token) {
    return authentication.authenticate(new Credential.Bot(token));
  }

  @Test
  void anAdminsBotJoinsTheServerAndSignsInWithItsTokenOnly() {
    CreatedBot created = bots.create(admin.id(), server.id(), "helper-bot");

    assertThat(created.bot().bot()).isTrue();
    assertThat(created.token()).startsWith("pbt_");
    assertThat(w.published).anySatisfy(e -> assertThat(e).isInstanceOf(MemberJoined.class));
    assertThat(w.memberships.list(server.id()))
        .anySatisfy(m -> assertThat(m.bot()).isTrue())
        .filteredOn(m -> m.membership().userId() == created.bot().id())
        .singleElement()
        .satisfies(m -> assertThat(m.membership().role()).isEqualTo(Role.MEMBER));
    assertThat(signIn(created.token()).userId()).isEqualTo(created.bot().id());
    assertThat(created.bot().passwordHash()).isNull();
    // A made-up token naming the real session is no token.
    String forged = created.token().substring(0, created.token().lastIndexOf('.') + 1) + "x";
    assertThatThrownBy(() -> signIn(forged)).isInstanceOf(InvalidCredentials.class);
  }

  @Test
  void onlyAdminsManageBots() {
    assertThatThrownBy(() -> bots.create(member.id(), server.id(), "nope-bot"))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(() -> bots.list(outsider.id(), server.id())).isInstanceOf(NotFound.class);
    CreatedBot created = bots.create(admin.id(), server.id(), "ops-bot");
    assertThatThrownBy(() -> bots.rotateToken(member.id(), server.id(), created.bot().id()))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(() -> bots.revokeToken(admin.id(), server.id(), member.id()))
        .isInstanceOf(NotFound.class)
        .hasMessage("Bot not found");
  }

  @Test
  void rotatingEndsTheOldTokenAndRevokingEndsTheNewOne() {
    CreatedBot created = bots.create(admin.id(), server.id(), "rota-bot");
    long botId = created.bot().id();

    String rotated = bots.rotateToken(admin.id(), server.id(), botId);
    assertThatThrownBy(() -> signIn(created.token())).isInstanceOf(InvalidCredentials.class);
    assertThat(signIn(rotated).userId()).isEqualTo(botId);
    assertThat(w.published)
        .anySatisfy(
            e ->
                assertThat(e)
                    .isEqualTo(
                        new SessionEnded(
                            botId, created.token().substring(4, created.token().indexOf('.')))));

    bots.revokeToken(admin.id(), server.id(), botId);
    assertThatThrownBy(() -> signIn(rotated)).isInstanceOf(InvalidCredentials.class);
    assertThat(bots.list(admin.id(), server.id()))
        .singleElement()
        .satisfies(b -> assertThat(b.hasToken()).isFalse());
  }

  @Test
  void aBotsMessagesAreMarkedAndItObeysTheAccessRules() {
    CreatedBot created = bots.create(admin.id(), server.id(), "post-bot");
    Channel general = w.channelOf(admin);
    Server otherServer = w.servers.findById(general.serverId()).orElseThrow();

    assertThatThrownBy(
            () ->
                w.send.send(
                    SendMessageCommand.of(created.bot().id(), general.id(), null, "hi", null)))
        .as("not a member of " + otherServer.name())
        .isInstanceOf(NotFound.class);

    long channelId =
        w.channelServices
            .create(
                new CreateChannelCommand(
                    admin.id(), server.id(), "general", ChannelKind.TEXT, null, null, null))
            .id();
    PostedMessage posted =
        w.send
            .send(SendMessageCommand.of(created.bot().id(), channelId, null, "beep", null))
            .posted();
    assertThat(posted.authorBot()).isTrue();
    assertThat(
            w.history.read(
                ReadHistoryQuery.page(
                    member.id(), channelId, ChannelExpectation.ANY, null, Cursor.NEWEST)))
        .singleElement()
        .satisfies(p -> assertThat(p.authorBot()).isTrue());
  }
}
