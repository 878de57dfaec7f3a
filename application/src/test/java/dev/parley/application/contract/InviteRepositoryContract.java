package dev.parley.application.contract;

import static dev.parley.application.contract.Fixtures.NOW;
import static dev.parley.application.contract.Fixtures.server;
import static dev.parley.application.contract.Fixtures.unique;
import static dev.parley.application.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.port.out.InviteRepository;
import dev.parley.domain.server.Invite;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link InviteRepository} must do; run against the in-memory and JDBC versions. */
public abstract class InviteRepositoryContract {

  protected abstract OutPorts ports();

  private User creator;
  private Server server;

  @BeforeEach
  void createAServer() {
    creator = user(ports().users());
    server = server(ports().servers(), creator);
  }

  @Test
  void createsAndFindsByCode() {
    Invite limited =
        new Invite(unique("c"), server.id(), creator.id(), NOW, NOW.plusSeconds(3600), 10, 0, null);
    Invite open = invite(null, null);

    assertThat(ports().invites().create(limited)).isEqualTo(limited);

    assertThat(ports().invites().find(limited.code())).contains(limited);
    assertThat(ports().invites().find(open.code())).contains(open);
  }

  @Test
  void unknownInvitesAreEmpty() {
    invite(null, null);

    assertThat(ports().invites().find("no-such-code")).isEmpty();
    assertThat(ports().invites().use("no-such-code", NOW)).isEmpty();
    assertThat(ports().invites().revoke("no-such-code", NOW)).isFalse();
    assertThat(ports().invites().listByServer(987_654_321L)).isEmpty();
  }

  @Test
  void aTakenCodeIsRefused() {
    Invite first = invite(null, 3);

    assertThatThrownBy(
            () ->
                ports()
                    .invites()
                    .create(
                        new Invite(
                            first.code(),
                            server.id(),
                            creator.id(),
                            NOW.plusSeconds(1),
                            null,
                            null,
                            0,
                            null)))
        .isInstanceOf(RuntimeException.class);
    assertThat(ports().invites().find(first.code())).contains(first);
  }

  @Test
  void anInviteToAMissingServerOrByAMissingUserFails() {
    assertThatThrownBy(
            () ->
                ports()
                    .invites()
                    .create(
                        new Invite(
                            unique("c"), 987_654_321L, creator.id(), NOW, null, null, 0, null)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                ports()
                    .invites()
                    .create(
                        new Invite(
                            unique("c"), server.id(), 987_654_321L, NOW, null, null, 0, null)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(ports().invites().listByServer(server.id())).isEmpty();
  }

  @Test
  void listsAServersInvitesNewestFirstRevokedOnesIncluded() {
    Invite oldest = create(NOW);
    Invite newest = create(NOW.plusSeconds(20));
    Invite middle = create(NOW.plusSeconds(10));
    ports().invites().revoke(middle.code(), NOW.plusSeconds(30));
    Server other = server(ports().servers(), creator);
    ports()
        .invites()
        .create(new Invite(unique("c"), other.id(), creator.id(), NOW, null, null, 0, null));

    assertThat(ports().invites().listByServer(server.id()))
        .extracting(Invite::code)
        .containsExactly(newest.code(), middle.code(), oldest.code());
    assertThat(ports().invites().listByServer(server.id()).get(1).revokedAt())
        .isEqualTo(NOW.plusSeconds(30));
  }

  @Test
  void eachUseCountsUntilTheLimit() {
    Invite invite = invite(null, 2);

    assertThat(ports().invites().use(invite.code(), NOW)).map(Invite::uses).contains(1);
    Optional<Invite> last = ports().invites().use(invite.code(), NOW);
    assertThat(ports().invites().use(invite.code(), NOW)).isEmpty();

    assertThat(last).contains(withUses(invite, 2));
    assertThat(ports().invites().find(invite.code())).contains(withUses(invite, 2));
  }

  @Test
  void anUnlimitedInviteCanBeUsedAgainAndAgain() {
    Invite invite = invite(null, null);

    for (int i = 0; i < 20; i++) {
      assertThat(ports().invites().use(invite.code(), NOW.plusSeconds(i))).isPresent();
    }

    assertThat(ports().invites().find(invite.code())).map(Invite::uses).contains(20);
  }

  @Test
  void anExpiredInviteCannotBeUsed() {
    Invite invite = invite(NOW.plusSeconds(60), null);

    assertThat(ports().invites().use(invite.code(), NOW.plusSeconds(59))).isPresent();
    assertThat(ports().invites().use(invite.code(), NOW.plusSeconds(60))).isEmpty();
    assertThat(ports().invites().use(invite.code(), NOW.plusSeconds(61))).isEmpty();

    assertThat(ports().invites().find(invite.code())).map(Invite::uses).contains(1);
  }

  @Test
  void aRevokedInviteCannotBeUsedAndKeepsWhenItWasRevoked() {
    Invite invite = invite(null, null);
    Invite other = invite(null, null);

    assertThat(ports().invites().revoke(invite.code(), NOW.plusSeconds(5))).isTrue();
    assertThat(ports().invites().revoke(invite.code(), NOW.plusSeconds(9))).isTrue();

    assertThat(ports().invites().use(invite.code(), NOW.plusSeconds(10))).isEmpty();
    Invite revoked = ports().invites().find(invite.code()).orElseThrow();
    assertThat(revoked.revokedAt()).isEqualTo(NOW.plusSeconds(5));
    assertThat(revoked.uses()).isZero();
    assertThat(ports().invites().find(other.code())).contains(other);
    assertThat(ports().invites().use(other.code(), NOW.plusSeconds(10))).isPresent();
  }

  @Test
  void concurrentUsesNeverGoPastTheLimit() throws Exception {
    Invite invite = invite(null, 5);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Integer> uses = new ArrayList<>();
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Integer>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  List<Integer> mine = new ArrayList<>();
                  for (int i = 0; i < 3; i++) {
                    ports()
                        .invites()
                        .use(invite.code(), NOW)
                        .ifPresent(used -> mine.add(used.uses()));
                  }
                  return mine;
                }));
      }
      start.countDown();
      for (Future<List<Integer>> future : futures) {
        uses.addAll(future.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(uses).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    assertThat(ports().invites().find(invite.code())).map(Invite::uses).contains(5);
  }

  @Test
  void deletingTheServerDeletesItsInvites() {
    Invite doomed = invite(null, null);
    Server other = server(ports().servers(), creator);
    Invite kept =
        ports()
            .invites()
            .create(new Invite(unique("c"), other.id(), creator.id(), NOW, null, null, 0, null));

    ports().servers().delete(server.id());

    assertThat(ports().invites().find(doomed.code())).isEmpty();
    assertThat(ports().invites().listByServer(server.id())).isEmpty();
    assertThat(ports().invites().use(doomed.code(), NOW)).isEmpty();
    assertThat(ports().invites().find(kept.code())).contains(kept);
  }

  private Invite invite(Instant expiresAt, Integer maxUses) {
    return ports()
        .invites()
        .create(
            new Invite(unique("c"), server.id(), creator.id(), NOW, expiresAt, maxUses, 0, null));
  }

  private Invite create(Instant createdAt) {
    return ports()
        .invites()
        .create(new Invite(unique("c"), server.id(), creator.id(), createdAt, null, null, 0, null));
  }

  private static Invite withUses(Invite i, int uses) {
    return new Invite(
        i.code(),
        i.serverId(),
        i.createdBy(),
        i.createdAt(),
        i.expiresAt(),
        i.maxUses(),
        uses,
        i.revokedAt());
  }
}
