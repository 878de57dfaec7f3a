package dev.parley.application.contract;

import dev.parley.application.fakes.InMemoryUserRepository;
import dev.parley.application.port.out.UserRepository;

class InMemoryUserRepositoryTest extends UserRepositoryContract {
  private final InMemoryUserRepository users = new InMemoryUserRepository();

  @Override
  protected UserRepository users() {
    return users;
  }
}
