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

  protected abstract UserRepository users();

  protected static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

  @Test
  void createsAndFindsByIdAndNameIgnoringCase() {
    String name = unique("Alice");
    User created =
        users()
            .create(
                new NewUser(new Username(name), new Email("a@example.com"), "Alice A", "h$1", NOW));

    assertThat(created.id()).isPositive();
    assertThat(users().findById(created.id())).contains(created);
    assertThat(users().findByUsername(new Username(name.toUpperCase()))).contains(created);
    assertThat(created.username().value()).isEqualTo(name);
    assertThat(created.email()).isEqualTo(new Email("a@example.com"));
    assertThat(created.createdAt()).isEqualTo(NOW);
    assertThat(created.active()).isTrue();
  }

  @Test
  void rejectsTheSameNameInAnotherCase() {
    String name = unique("bob");
    users().create(new NewUser(new Username(name), null, null, "h", NOW));

    assertThatThrownBy(
            () ->
                users().create(new NewUser(new Username(name.toUpperCase()), null, null, "h", NOW)))
        .isInstanceOf(UsernameTaken.class);
  }

  @Test
  void passwordsChangeAndAccountsDeactivate() {
    User created = users().create(new NewUser(new Username(unique("carl")), null, null, "h1", NOW));
    users().updatePassword(created.id(), "h2");
    assertThat(users().findById(created.id()).orElseThrow().passwordHash()).isEqualTo("h2");
    users().deactivate(created.id());
    assertThat(users().findById(created.id()).orElseThrow().active()).isFalse();
  }

  @Test
  void externalIdentitiesAreProvisionedOncePerIssuerAndSubject() {
    String subject = unique("sub-");
    User made =
        users()
            .createExternal(
                new NewUser(new Username(unique("ext")), null, "Ext", null, NOW),
                "https://idp.example",
                subject);
    assertThat(made.passwordHash()).isNull();
    assertThat(users().findByExternal("https://idp.example", subject)).contains(made);
    assertThat(users().findByExternal("https://other.example", subject)).isEmpty();
    assertThatThrownBy(
            () ->
                users()
                    .createExternal(
                        new NewUser(new Username(unique("ext")), null, null, null, NOW),
                        "https://idp.example",
                        subject))
        .isInstanceOf(UsernameTaken.class);
  }

  @Test
  void unknownUsersAreEmpty() {
    assertThat(users().findById(987_654_321L)).isEmpty();
    assertThat(users().findByUsername(new Username(unique("nobody")))).isEmpty();
  }

  @Test
  void findsManyByIdSkippingUnknown() {
    User a = users().create(new NewUser(new Username(unique("m")), null, null, "h", NOW));
    User b = users().create(new NewUser(new Username(unique("m")), null, null, "h", NOW));

    assertThat(users().findAllById(List.of(a.id(), b.id(), 987_654_322L)))
        .containsExactlyInAnyOrder(a, b);
  }

  @Test
  void findsManyByNameIgnoringCaseSkippingUnknown() {
    User a = users().create(new NewUser(new Username(unique("Many")), null, null, "h", NOW));
    User b = users().create(new NewUser(new Username(unique("many")), null, null, "h", NOW));
    users().create(new NewUser(new Username(unique("other")), null, null, "h", NOW));

    assertThat(
            users()
                .findByUsernames(
                    List.of(
                        new Username(a.username().value().toUpperCase()),
                        b.username(),
                        new Username(b.username().value().toLowerCase()),
                        new Username(unique("nobody")))))
        .containsExactlyInAnyOrder(a, b);
    assertThat(users().findByUsernames(List.of())).isEmpty();
  }
}
