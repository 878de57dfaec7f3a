package dev.parley.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.port.out.UserRepository;
import dev.parley.application.port.out.UserRepository.NewUser;
import dev.parley.domain.error.UsernameTaken;
import dev.parley.domain.user.Email;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link UserRepository} must do; run against the in-memory and JDBC versions. */
public abstract class UserRepositoryContract {

  protected abstract OutPorts ports();

  protected static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

  @Test
  void createsAndFindsByIdAndNameIgnoringCase() {
    String name = unique("Alice");
    User created =
        ports()
            .users()
            .create(
                new NewUser(new Username(name), new Email("a@example.com"), "Alice A", "h$1", NOW));

    assertThat(created.id()).isPositive();
    assertThat(ports().users().findById(created.id())).contains(created);
    assertThat(ports().users().findByUsername(new Username(name.toUpperCase()))).contains(created);
    assertThat(created.username().value()).isEqualTo(name);
    assertThat(created.email()).isEqualTo(new Email("a@example.com"));
    assertThat(created.createdAt()).isEqualTo(NOW);
    assertThat(created.active()).isTrue();
  }

  @Test
  void rejectsTheSameNameInAnotherCase() {
    String name = unique("bob");
    ports().users().create(new NewUser(new Username(name), null, null, "h", NOW));

    assertThatThrownBy(
            () ->
                ports()
                    .users()
                    .create(new NewUser(new Username(name.toUpperCase()), null, null, "h", NOW)))
        .isInstanceOf(UsernameTaken.class);
  }

  @Test
  void passwordsChangeAndAccountsDeactivate() {
    User created =
        ports().users().create(new NewUser(new Username(unique("carl")), null, null, "h1", NOW));
    ports().users().updatePassword(created.id(), "h2");
    assertThat(ports().users().findById(created.id()).orElseThrow().passwordHash()).isEqualTo("h2");
    ports().users().deactivate(created.id());
    assertThat(ports().users().findById(created.id()).orElseThrow().active()).isFalse();
  }

  @Test
  void externalIdentitiesAreProvisionedOncePerIssuerAndSubject() {
    String subject = unique("sub-");
    User made =
        ports()
            .users()
            .createExternal(
                new NewUser(new Username(unique("ext")), null, "Ext", null, NOW),
                "https://idp.example",
                subject);
    assertThat(made.passwordHash()).isNull();
    assertThat(ports().users().findByExternal("https://idp.example", subject)).contains(made);
    assertThat(ports().users().findByExternal("https://other.example", subject)).isEmpty();
    assertThatThrownBy(
            () ->
                ports()
                    .users()
                    .createExternal(
                        new NewUser(new Username(unique("ext")), null, null, null, NOW),
                        "https://idp.example",
                        subject))
        .isInstanceOf(UsernameTaken.class);
  }

  @Test
  void unknownUsersAreEmpty() {
    assertThat(ports().users().findById(987_654_321L)).isEmpty();
    assertThat(ports().users().findByUsername(new Username(unique("nobody")))).isEmpty();
  }

  @Test
  void findsManyByIdSkippingUnknown() {
    User a = ports().users().create(new NewUser(new Username(unique("m")), null, null, "h", NOW));
    User b = ports().users().create(new NewUser(new Username(unique("m")), null, null, "h", NOW));

    assertThat(ports().users().findAllById(List.of(a.id(), b.id(), 987_654_322L)))
        .containsExactlyInAnyOrder(a, b);
  }

  @Test
  void findsManyByNameIgnoringCaseSkippingUnknown() {
    User a =
        ports().users().create(new NewUser(new Username(unique("Many")), null, null, "h", NOW));
    User b =
        ports().users().create(new NewUser(new Username(unique("many")), null, null, "h", NOW));
    ports().users().create(new NewUser(new Username(unique("other")), null, null, "h", NOW));

    assertThat(
            ports()
                .users()
                .findByUsernames(
                    List.of(
                        new Username(a.username().value().toUpperCase()),
                        b.username(),
                        new Username(b.username().value().toLowerCase()),
                        new Username(unique("nobody")))))
        .containsExactlyInAnyOrder(a, b);
    assertThat(ports().users().findByUsernames(List.of())).isEmpty();
  }
}
