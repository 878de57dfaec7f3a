package dev.parley.application.service;

import dev.parley.application.port.in.GetUserUseCase;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.user.User;

/** Reads one account by id. */
public final class GetUserService implements GetUserUseCase {
  private final UserRepository users;

  public GetUserService(UserRepository users) {
    this.users = users;
  }

  @Override
  public User getUser(long userId) {
    return users.findById(userId).orElseThrow(() -> new NotFound("User not found"));
  }
}
