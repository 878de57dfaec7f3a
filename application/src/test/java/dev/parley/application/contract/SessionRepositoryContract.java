package dev.parley.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.port.out.SessionRepository;
import dev.parley.application.port.out.SessionRepository.Session;
import dev.parley.application.port.out.UserRepository.NewUser;
import dev.parley.domain.user.Username;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link SessionRepository} must do; run against the in-memory and JDBC versions. */
public abstract class SessionRepositoryContract {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

  protected abstract OutPorts ports();

  private long user() {
    String name = "s" + UUID.randomUUID().toString().substring(0, 8);
    return ports().users().create(new NewUser(new Username(name), null, null, "h", NOW)).id();
  }

  private Session session(long userId, String refreshHash) {
    Session s =
        new Session(
            UUID.randomUUID().toString(),
            userId,
            refreshHash,
            NOW,
            NOW.plus(Duration.ofDays(30)),
            null);
    ports().sessions().create(s);
    return s;
  }

  @Test
  void storesAndFindsByIdAndCurrentHash() {
    String h = UUID.randomUUID().toString().replace("-", "") + "5".repeat(32);
    Session s = session(user(), h);
    assertThat(ports().sessions().findById(s.id())).contains(s);
    assertThat(ports().sessions().findById("no-such-session")).isEmpty();
    assertThat(s.isLive(NOW)).isTrue();
    assertThat(s.isLive(NOW.plus(Duration.ofDays(31)))).isFalse();
  }

  @Test
  void rotationIsACompareAndSet() {
    String first = UUID.randomUUID().toString().replace("-", "") + "0".repeat(32);
    String second = UUID.randomUUID().toString().replace("-", "") + "1".repeat(32);
    Session s = session(user(), first);

    assertThat(ports().sessions().rotate(s.id(), first, second)).isTrue();
    assertThat(ports().sessions().rotate(s.id(), first, second)).as("a lost race").isFalse();
    Session rotated = ports().sessions().findById(s.id()).orElseThrow();
    assertThat(rotated.refreshHash()).isEqualTo(second);
    assertThat(ports().sessions().retiredHashes(s.id()))
        .as("the exchanged hash is kept")
        .containsExactly(first);
  }

  @Test
  void revokingOneOrAll() {
    long userId = user();
    long other = user();
    Session a = session(userId, UUID.randomUUID().toString().replace("-", "") + "2".repeat(32));
    Session b = session(userId, UUID.randomUUID().toString().replace("-", "") + "3".repeat(32));
    Session c = session(other, UUID.randomUUID().toString().replace("-", "") + "4".repeat(32));

    ports().sessions().revoke(a.id(), NOW);
    assertThat(ports().sessions().findById(a.id()).orElseThrow().isLive(NOW)).isFalse();
    assertThat(ports().sessions().revokeAllOf(userId, NOW)).containsExactly(b.id());
    assertThat(ports().sessions().findById(b.id()).orElseThrow().revokedAt()).isEqualTo(NOW);
    assertThat(ports().sessions().findById(c.id()).orElseThrow().isLive(NOW)).isTrue();
    assertThat(ports().sessions().rotate(b.id(), b.refreshHash(), "x".repeat(64)))
        .as("a revoked session never rotates")
        .isFalse();
  }
}
