package dev.parley.application.fakes;

import dev.parley.application.port.out.SocketTicketStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link SocketTicketStore} for use-case tests and the port's contract test. */
public class InMemorySocketTicketStore implements SocketTicketStore {
  private final Map<String, Ticket> byHash = new ConcurrentHashMap<>();

  @Override
  public void save(String hash, Ticket ticket) {
    byHash.put(hash, ticket);
  }

  @Override
  public Optional<Ticket> take(String hash, Instant now) {
    return Optional.ofNullable(byHash.remove(hash)).filter(t -> now.isBefore(t.expiresAt()));
  }
}
