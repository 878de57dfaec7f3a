package dev.parley.application.port.out;

import dev.parley.domain.user.Email;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Stores accounts. Look-ups by name ignore case. */
public interface UserRepository {

  /** What is needed to create an account; the id comes from the store. */
  record NewUser(
      Username username,
      Email email,
      String displayName,
      String passwordHash,
      Instant createdAt,
      boolean bot) {

    /** A person's account. */
    public NewUser(
        Username username,
        Email email,
        String displayName,
        String passwordHash,
        Instant createdAt) {
      this(username, email, displayName, passwordHash, createdAt, false);
    }
  }

  /** Creates the account, or throws {@link dev.parley.domain.error.UsernameTaken}. */
  User create(NewUser user);

  Optional<User> findById(long id);

  Optional<User> findByUsername(Username username);

  /** The users with these names (ignoring case) that exist, in no particular order. */
  List<User> findByUsernames(Collection<Username> usernames);

  /** The users among {@code ids} that exist, in no particular order. */
  List<User> findAllById(Collection<Long> ids);

  void updatePassword(long userId, String passwordHash);

  /** Marks the account inactive: it can no longer log in or authenticate. */
  void deactivate(long userId);

  /** The account provisioned for {@code subject} of an external {@code issuer}. */
  Optional<User> findByExternal(String issuer, String subject);

  /**
   * Creates an account without a password for an external identity, or throws {@link
   * dev.parley.domain.error.UsernameTaken} (also when the identity was provisioned concurrently).
   */
  User createExternal(NewUser user, String issuer, String subject);
}
