package dev.parley.application.contract;

import dev.parley.application.fakes.InMemorySocketTicketStore;
import dev.parley.application.fakes.InMemoryUserRepository;
import dev.parley.application.port.out.SocketTicketStore;
import dev.parley.application.port.out.UserRepository;

class InMemorySocketTicketStoreTest extends SocketTicketStoreContract {
  private final SocketTicketStore tickets = new InMemorySocketTicketStore();
  private final UserRepository users = new InMemoryUserRepository();

  @Override
  protected SocketTicketStore tickets() {
    return tickets;
  }

  @Override
  protected UserRepository users() {
    return users;
  }
}
