package dev.parley.application.port.in;

import dev.parley.domain.user.User;

/** Creates an account. */
public interface RegisterUserUseCase {
  User register(RegisterUserCommand command);
}
