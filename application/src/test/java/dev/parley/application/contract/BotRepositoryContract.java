package dev.parley.application.contract;

import static dev.parley.application.contract.Fixtures.NOW;
import static dev.parley.application.contract.Fixtures.server;
import static dev.parley.application.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.port.out.BotRepository;
import dev.parley.application.port.out.BotRepository.Bot;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import org.junit.jupiter.api.Test;

/** What every {@link BotRepository} must do; run against the in-memory and JDBC versions. */
public abstract class BotRepositoryContract {

  protected abstract OutPorts ports();

  /** In-memory fakes keep bots apart from users; the JDBC version needs the rows to exist. */
  protected abstract BotRepository bots();

  @Test
  void botsAreFoundByIdAndByServerAndFollowTheirSession() {
    User admin = user(ports().users());
    Server server = server(ports().servers(), admin);
    Server other = server(ports().servers(), admin);
    User first = user(ports().users());
    User second = user(ports().users());
    User elsewhere = user(ports().users());
    bots().create(new Bot(first.id(), server.id(), admin.id(), NOW, "s-1"));
    bots().create(new Bot(second.id(), server.id(), admin.id(), NOW.plusSeconds(1), null));
    bots().create(new Bot(elsewhere.id(), other.id(), admin.id(), NOW, "s-3"));

    assertThat(bots().find(first.id()))
        .hasValueSatisfying(b -> assertThat(b.sessionId()).isEqualTo("s-1"));
    assertThat(bots().find(admin.id())).isEmpty();
    assertThat(bots().inServer(server.id()))
        .extracting(Bot::userId)
        .containsExactly(first.id(), second.id());

    bots().setSession(first.id(), "s-2");
    assertThat(bots().find(first.id()).orElseThrow().sessionId()).isEqualTo("s-2");
    bots().setSession(first.id(), null);
    assertThat(bots().find(first.id()).orElseThrow().sessionId()).isNull();
  }
}
