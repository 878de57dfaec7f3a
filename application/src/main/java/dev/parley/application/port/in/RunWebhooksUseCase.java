package dev.parley.application.port.in;

/** The background steps of webhooks, driven by a timer on every node. */
public interface RunWebhooksUseCase {

  /**
   * Moves committed changes from the channels' change logs and the member log into the outbox, on
   * one node at a time; returns how many outbox rows were written.
   */
  int feed();

  /** Sends the outbox rows that are due and claimed by this node; returns how many were tried. */
  int dispatch();

  /** Forgets the delivery log's attempts older than the retention; returns how many. */
  int prune();
}
