package dev.parley.application.service;

import dev.parley.application.port.in.LoginCommand;
import dev.parley.application.port.in.LoginUseCase;
import dev.parley.application.port.out.LoginThrottle;
import dev.parley.application.port.out.PasswordHasher;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.error.DomainError;
import dev.parley.domain.error.InvalidCredentials;
import dev.parley.domain.user.RawPassword;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks credentials and starts a session; unknown users cost a hash check too (no timing oracle).
 */
public final class LoginService implements LoginUseCase {
  private final UserRepository users;
  private final PasswordHasher hasher;
  private final SessionServices sessions;
  private final LoginThrottle throttle;
  private volatile String dummyHash;

  public LoginService(UserRepository users, PasswordHasher hasher, SessionServices sessions) {
    this(users, hasher, sessions, LoginThrottle.NONE);
  }

  public LoginService(
      UserRepository users,
      PasswordHasher hasher,
      SessionServices sessions,
      LoginThrottle throttle) {
    this.users = users;
    this.hasher = hasher;
    this.sessions = sessions;
    this.throttle = throttle;
  }

  @Override
  public LoginResult login(LoginCommand command) {
    String account = command.username().toLowerCase(Locale.ROOT);
    // Before any hashing: a throttled guess must cost the server nothing.
    throttle.attempt(account, command.address());
    Optional<User> user = findUser(command.username());
    if (user.isEmpty()) {
      hasher.matches(command.password(), dummyHash());
      throw failed(account, command.address());
    }
    User found = user.get();
    if (found.passwordHash() == null) {
      // Accounts provisioned by an external issuer have no password here.
      hasher.matches(command.password(), dummyHash());
      throw failed(account, command.address());
    }
    if (!hasher.matches(command.password(), found.passwordHash()) || !found.active()) {
      throw failed(account, command.address());
    }
    throttle.succeeded(account, command.address());
    return sessions.start(found);
  }

  private InvalidCredentials failed(String account, String address) {
    throttle.failed(account, address);
    return new InvalidCredentials();
  }

  private Optional<User> findUser(String name) {
    try {
      return users.findByUsername(new Username(name));
    } catch (DomainError malformedName) {
      return Optional.empty();
    }
  }

  private String dummyHash() {
    String hash = dummyHash;
    if (hash == null) {
      hash = hasher.hash(RawPassword.forRegistration("timing-equaliser-password"));
      dummyHash = hash;
    }
    return hash;
  }
}
