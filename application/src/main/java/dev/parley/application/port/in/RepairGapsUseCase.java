package dev.parley.application.port.in;

import java.time.Instant;

/**
 * After an outage of the fan-out between nodes, finds the changes other nodes committed that this
 * node never delivered and delivers them from the store, each once and in each channel's order.
 */
public interface RepairGapsUseCase {

  /** Repairs every channel changed since {@code since}; returns how many changes it delivered. */
  int repairSince(Instant since);
}
