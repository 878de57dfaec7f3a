package dev.parley.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.port.out.SocketTicketStore;
import dev.parley.application.port.out.SocketTicketStore.Ticket;
import dev.parley.application.port.out.UserRepository.NewUser;
import dev.parley.domain.user.Username;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link SocketTicketStore} must do; run against the in-memory and JDBC versions. */
public abstract class SocketTicketStoreContract {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

  protected abstract OutPorts ports();

  private static String hash() {
    return UUID.randomUUID().toString().replace("-", "") + "f".repeat(32);
  }

  @Test
  void aTicketIsSpentOnce() {
    String name = "t" + UUID.randomUUID().toString().substring(0, 8);
    long user = ports().users().create(new NewUser(new Username(name), null, null, "h", NOW)).id();
    String h = hash();
    Ticket ticket = new Ticket(user, "sess-1", NOW.plusSeconds(30));
    ports().tickets().save(h, ticket);

    assertThat(ports().tickets().take(h, NOW)).contains(ticket);
    assertThat(ports().tickets().take(h, NOW)).isEmpty();
    assertThat(ports().tickets().take(hash(), NOW)).isEmpty();
  }

  @Test
  void anExpiredTicketIsWorthNothing() {
    String name = "t" + UUID.randomUUID().toString().substring(0, 8);
    long user = ports().users().create(new NewUser(new Username(name), null, null, "h", NOW)).id();
    String h = hash();
    ports().tickets().save(h, new Ticket(user, null, NOW.plusSeconds(30)));
    assertThat(ports().tickets().take(h, NOW.plus(Duration.ofMinutes(1)))).isEmpty();
  }
}
