package dev.parley.application.contract;

import dev.parley.application.fakes.InMemorySessionRepository;
import dev.parley.application.fakes.InMemoryUserRepository;
import dev.parley.application.port.out.SessionRepository;
import dev.parley.application.port.out.UserRepository;

class InMemorySessionRepositoryTest extends SessionRepositoryContract {
  private final SessionRepository sessions = new InMemorySessionRepository();
  private final UserRepository users = new InMemoryUserRepository();

  @Override
  protected SessionRepository sessions() {
    return sessions;
  }

  @Override
  protected UserRepository users() {
    return users;
  }
}
