package dev.parley.application.contract;

import static dev.parley.application.contract.Fixtures.NOW;
import static dev.parley.application.contract.Fixtures.server;
import static dev.parley.application.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.port.out.BanRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.server.Ban;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link BanRepository} must do; run against the in-memory and JDBC versions. */
public abstract class BanRepositoryContract {

  protected abstract UserRepository users();

  protected abstract ServerRepository servers();

  protected abstract BanRepository bans();

  private User admin;
  private Server server;

  @BeforeEach
  void createAServer() {
    admin = user(users());
    server = server(servers(), admin);
  }

  @Test
  void addsAndFinds() {
    User troll = user(users());
    Ban ban = new Ban(server.id(), troll.id(), admin.id(), "spam", NOW);

    bans().add(ban);

    assertThat(bans().find(server.id(), troll.id())).contains(ban);
    assertThat(bans().find(server.id(), admin.id())).isEmpty();
  }

  @Test
  void keepsABanWithoutBannerOrReason() {
    User troll = user(users());
    Ban ban = new Ban(server.id(), troll.id(), null, null, NOW);

    bans().add(ban);

    assertThat(bans().find(server.id(), troll.id())).contains(ban);
  }

  @Test
  void banningAgainKeepsTheFirstBan() {
    User troll = user(users());
    Ban first = new Ban(server.id(), troll.id(), admin.id(), "spam", NOW);
    bans().add(first);

    bans().add(new Ban(server.id(), troll.id(), null, "again", NOW.plusSeconds(60)));

    assertThat(bans().find(server.id(), troll.id())).contains(first);
    assertThat(bans().list(server.id())).containsExactly(first);
  }

  @Test
  void removesAndReportsWhetherThereWasOne() {
    User troll = user(users());
    User stays = user(users());
    bans().add(new Ban(server.id(), troll.id(), admin.id(), null, NOW));
    Ban kept = new Ban(server.id(), stays.id(), admin.id(), null, NOW);
    bans().add(kept);

    assertThat(bans().remove(server.id(), troll.id())).isTrue();
    assertThat(bans().remove(server.id(), troll.id())).isFalse();
    assertThat(bans().remove(987_654_321L, stays.id())).isFalse();

    assertThat(bans().find(server.id(), troll.id())).isEmpty();
    assertThat(bans().find(server.id(), stays.id())).contains(kept);
  }

  @Test
  void listsAServersBansOldestFirst() {
    User late = user(users());
    User early = user(users());
    User tieA = user(users());
    User tieB = user(users());
    Server other = server(servers(), admin);
    Ban lateBan = new Ban(server.id(), late.id(), admin.id(), null, NOW.plusSeconds(30));
    Ban earlyBan = new Ban(server.id(), early.id(), admin.id(), "first", NOW);
    Ban tieBBan = new Ban(server.id(), tieB.id(), null, null, NOW.plusSeconds(10));
    Ban tieABan = new Ban(server.id(), tieA.id(), null, null, NOW.plusSeconds(10));
    bans().add(lateBan);
    bans().add(tieBBan);
    bans().add(earlyBan);
    bans().add(tieABan);
    bans().add(new Ban(other.id(), late.id(), admin.id(), null, NOW));

    assertThat(bans().list(server.id())).containsExactly(earlyBan, tieABan, tieBBan, lateBan);
    assertThat(bans().list(server(servers(), admin).id())).isEmpty();
  }

  @Test
  void aBanInAMissingServerOrOfAMissingUserFails() {
    User troll = user(users());

    assertThatThrownBy(() -> bans().add(new Ban(987_654_321L, troll.id(), null, null, NOW)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> bans().add(new Ban(server.id(), 987_654_321L, null, null, NOW)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> bans().add(new Ban(server.id(), troll.id(), 987_654_321L, null, NOW)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(bans().list(server.id())).isEmpty();
  }

  @Test
  void deletingTheServerDeletesItsBans() {
    User troll = user(users());
    Server other = server(servers(), admin);
    bans().add(new Ban(server.id(), troll.id(), admin.id(), null, NOW));
    Ban kept = new Ban(other.id(), troll.id(), admin.id(), null, NOW);
    bans().add(kept);

    servers().delete(server.id());

    assertThat(bans().find(server.id(), troll.id())).isEmpty();
    assertThat(bans().list(server.id())).isEmpty();
    assertThat(bans().find(other.id(), troll.id())).contains(kept);
  }
}
