package dev.parley.application.port.out;

import java.time.Instant;
import java.util.Optional;

/** Short-lived, single-use socket tickets, stored by hash. */
public interface SocketTicketStore {

  /** Who a ticket stands for. */
  record Ticket(long userId, String sessionId, Instant expiresAt) {}

  void save(String hash, Ticket ticket);

  /** Removes and returns the ticket if it exists and has not expired at {@code now}. */
  Optional<Ticket> take(String hash, Instant now);
}
