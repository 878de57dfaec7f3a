package dev.parley.application.contract;

import static dev.parley.application.contract.Fixtures.NOW;
import static dev.parley.application.contract.Fixtures.server;
import static dev.parley.application.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.port.out.BanRepository;
import dev.parley.domain.server.Ban;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link BanRepository} must do; run against the in-memory and JDBC versions. */
public abstract class BanRepositoryContract {

  protected abstract OutPorts ports();

  private User admin;
  private Server server;

  @BeforeEach
  void createAServer() {
    admin = user(ports().users());
    server = server(ports().servers(), admin);
  }

  @Test
  void addsAndFinds() {
    User troll = user(ports().users());
    Ban ban = new Ban(server.id(), troll.id(), admin.id(), "spam", NOW);

    ports().bans().add(ban);

    assertThat(ports().bans().find(server.id(), troll.id())).contains(ban);
    assertThat(ports().bans().find(server.id(), admin.id())).isEmpty();
  }

  @Test
  void keepsABanWithoutBannerOrReason() {
    User troll = user(ports().users());
    Ban ban = new Ban(server.id(), troll.id(), null, null, NOW);

    ports().bans().add(ban);

    assertThat(ports().bans().find(server.id(), troll.id())).contains(ban);
  }

  @Test
  void banningAgainKeepsTheFirstBan() {
    User troll = user(ports().users());
    Ban first = new Ban(server.id(), troll.id(), admin.id(), "spam", NOW);
    ports().bans().add(first);

    ports().bans().add(new Ban(server.id(), troll.id(), null, "again", NOW.plusSeconds(60)));

    assertThat(ports().bans().find(server.id(), troll.id())).contains(first);
    assertThat(ports().bans().list(server.id())).containsExactly(first);
  }

  @Test
  void removesAndReportsWhetherThereWasOne() {
    User troll = user(ports().users());
    User stays = user(ports().users());
    ports().bans().add(new Ban(server.id(), troll.id(), admin.id(), null, NOW));
    Ban kept = new Ban(server.id(), stays.id(), admin.id(), null, NOW);
    ports().bans().add(kept);

    assertThat(ports().bans().remove(server.id(), troll.id())).isTrue();
    assertThat(ports().bans().remove(server.id(), troll.id())).isFalse();
    assertThat(ports().bans().remove(987_654_321L, stays.id())).isFalse();

    assertThat(ports().bans().find(server.id(), troll.id())).isEmpty();
    assertThat(ports().bans().find(server.id(), stays.id())).contains(kept);
  }

  @Test
  void listsAServersBansOldestFirst() {
    User late = user(ports().users());
    User early = user(ports().users());
    User tieA = user(ports().users());
    User tieB = user(ports().users());
    Server other = server(ports().servers(), admin);
    Ban lateBan = new Ban(server.id(), late.id(), admin.id(), null, NOW.plusSeconds(30));
    Ban earlyBan = new Ban(server.id(), early.id(), admin.id(), "first", NOW);
    Ban tieBBan = new Ban(server.id(), tieB.id(), null, null, NOW.plusSeconds(10));
    Ban tieABan = new Ban(server.id(), tieA.id(), null, null, NOW.plusSeconds(10));
    ports().bans().add(lateBan);
    ports().bans().add(tieBBan);
    ports().bans().add(earlyBan);
    ports().bans().add(tieABan);
    ports().bans().add(new Ban(other.id(), late.id(), admin.id(), null, NOW));

    assertThat(ports().bans().list(server.id()))
        .containsExactly(earlyBan, tieABan, tieBBan, lateBan);
    assertThat(ports().bans().list(server(ports().servers(), admin).id())).isEmpty();
  }

  @Test
  void aBanInAMissingServerOrOfAMissingUserFails() {
    User troll = user(ports().users());

    assertThatThrownBy(() -> ports().bans().add(new Ban(987_654_321L, troll.id(), null, null, NOW)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> ports().bans().add(new Ban(server.id(), 987_654_321L, null, null, NOW)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> ports().bans().add(new Ban(server.id(), troll.id(), 987_654_321L, null, NOW)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(ports().bans().list(server.id())).isEmpty();
  }

  @Test
  void deletingTheServerDeletesItsBans() {
    User troll = user(ports().users());
    Server other = server(ports().servers(), admin);
    ports().bans().add(new Ban(server.id(), troll.id(), admin.id(), null, NOW));
    Ban kept = new Ban(other.id(), troll.id(), admin.id(), null, NOW);
    ports().bans().add(kept);

    ports().servers().delete(server.id());

    assertThat(ports().bans().find(server.id(), troll.id())).isEmpty();
    assertThat(ports().bans().list(server.id())).isEmpty();
    assertThat(ports().bans().find(other.id(), troll.id())).contains(kept);
  }
}
