package dev.parley.adapters.persistence;

import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.error.UsernameTaken;
import dev.parley.domain.user.Email;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** {@link UserRepository} on PostgreSQL through Micronaut Data JDBC. */
@Singleton
public class JdbcUserRepository implements UserRepository {
  private final UserRowRepository rows;

  private final AccessCache access;
  private final TransactionOperations<Connection> tx;

  JdbcUserRepository(
      UserRowRepository rows, AccessCache access, TransactionOperations<Connection> tx) {
    this.rows = rows;
    this.access = access;
    this.tx = tx;
  }

  @Override
  public User create(NewUser user) {
    return insert(user, null, null);
  }

  @Override
  public User createExternal(NewUser user, String issuer, String subject) {
    return insert(user, issuer, subject);
  }

  @Override
  public void updatePassword(long userId, String passwordHash) {
    rows.updatePassword(userId, passwordHash);
    access.userChanged(userId);
  }

  @Override
  public void deactivate(long userId) {
    rows.deactivate(userId);
    access.userChanged(userId);
  }

  @Override
  public Optional<User> findByExternal(String issuer, String subject) {
    return rows.findByExternalIssuerAndExternalSubject(issuer, subject)
        .map(JdbcUserRepository::toDomain);
  }

  private User insert(NewUser user, String issuer, String subject) {
    UserRow row =
        new UserRow(
            null,
            user.username().value(),
            user.username().key(),
            user.email() == null ? null : user.email().value(),
            user.displayName(),
            user.passwordHash(),
            user.createdAt(),
            true,
            issuer,
            subject,
            user.bot());
    try {
      return toDomain(rows.save(row));
    } catch (DataAccessException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new UsernameTaken();
      }
      throw e;
    }
  }

  @Override
  public Optional<User> findById(long id) {
    if (tx.findTransactionStatus().isPresent()) {
      // What a transaction reads may yet roll back: never kept.
      return load(id);
    }
    return access.user(id, () -> load(id));
  }

  private Optional<User> load(long id) {
    return rows.findById(id).map(JdbcUserRepository::toDomain);
  }

  @Override
  public Optional<User> findByUsername(Username username) {
    return rows.findByUsernameKey(username.key()).map(JdbcUserRepository::toDomain);
  }

  @Override
  public List<User> findByUsernames(Collection<Username> usernames) {
    if (usernames.isEmpty()) {
      return List.of();
    }
    List<String> keys = usernames.stream().map(Username::key).distinct().toList();
    return rows.findByUsernameKeyIn(keys).stream().map(JdbcUserRepository::toDomain).toList();
  }

  @Override
  public List<User> findAllById(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return rows.findByIdIn(ids).stream().map(JdbcUserRepository::toDomain).toList();
  }

  static User toDomain(UserRow row) {
    return new User(
        row.id(),
        new Username(row.username()),
        Email.ofNullable(row.email()),
        row.displayName(),
        row.passwordHash(),
        row.createdAt(),
        row.active(),
        row.bot());
  }
}
