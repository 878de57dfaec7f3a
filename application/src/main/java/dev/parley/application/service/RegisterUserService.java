package dev.parley.application.service;

import dev.parley.application.port.in.RegisterUserCommand;
import dev.parley.application.port.in.RegisterUserUseCase;
import dev.parley.application.port.out.PasswordHasher;
import dev.parley.application.port.out.Transactions;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.port.out.UserRepository.NewUser;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.user.User;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/** Registers an account: hashes outside the transaction, then stores and runs sign-up hooks. */
public final class RegisterUserService implements RegisterUserUseCase {
  private final UserRepository users;
  private final PasswordHasher hasher;
  private final Transactions tx;
  private final Clock clock;
  private final List<Consumer<User>> onSignUp;

  /**
   * @param onSignUp steps run in the same transaction as the insert (e.g. joining the public
   *     server), so an account never exists half set up
   */
  public RegisterUserService(
      UserRepository users,
      PasswordHasher hasher,
      Transactions tx,
      Clock clock,
      List<Consumer<User>> onSignUp) {
    this.users = users;
    this.hasher = hasher;
    this.tx = tx;
    this.clock = clock;
    this.onSignUp = List.copyOf(onSignUp);
  }

  @Override
  public User register(RegisterUserCommand command) {
    if (ExternalNames.isReserved(command.username())) {
      // Those names belong to the external issuer's users; one taken here would shadow theirs.
      throw new InvalidInput(
          "username", "names starting with '" + ExternalNames.PREFIX + "' are reserved");
    }
    String hash = hasher.hash(command.password());
    return tx.inTransaction(
        () -> {
          User user =
              users.create(
                  new NewUser(
                      command.username(),
                      command.email(),
                      command.displayName(),
                      hash,
                      clock.instant()));
          onSignUp.forEach(step -> step.accept(user));
          return user;
        });
  }
}
