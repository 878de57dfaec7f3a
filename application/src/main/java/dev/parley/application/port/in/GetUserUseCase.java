package dev.parley.application.port.in;

import dev.parley.domain.user.User;

/** Reads an account, e.g. the caller's own profile. */
public interface GetUserUseCase {
  User getUser(long userId);
}
