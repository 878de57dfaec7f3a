package dev.parley.adapters.web.socket;

import dev.parley.application.realtime.OutboundEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Events that reach a socket before it may have them (access still being checked, a resume not yet
 * replayed): held in order, at most {@value #MAX_HELD}, and released once when the socket goes
 * live.
 */
final class HeldEvents {
  private static final int MAX_HELD = 1000;

  private List<OutboundEvent> held = new ArrayList<>();
  private boolean overflow;
  private volatile boolean released;
  private volatile Predicate<OutboundEvent> alreadySent = event -> false;
  private volatile boolean resumePending;
  private volatile Future<?> resumeTimer;

  /** Holds the event unless the socket is live; true when held (or over the bound and noted). */
  boolean hold(OutboundEvent event) {
    if (released) {
      return false;
    }
    synchronized (this) {
      if (released) {
        return false;
      }
      if (held.size() < MAX_HELD) {
        held.add(event);
      } else {
        overflow = true;
      }
      return true;
    }
  }

  /**
   * Sends the held events except those {@code alreadySent} says the client has, in order, then lets
   * events through. The filter stays for later events too. Returns whether events were lost to the
   * bound; false on every call after the first.
   */
  boolean release(Predicate<OutboundEvent> alreadySent, Consumer<OutboundEvent> send) {
    synchronized (this) {
      if (released) {
        return false;
      }
      this.alreadySent = alreadySent;
      for (OutboundEvent event : held) {
        send.accept(event);
      }
      held = null;
      released = true;
      return overflow;
    }
  }

  boolean released() {
    return released;
  }

  /** Whether the client already has this event (replayed to it on resume). */
  boolean alreadySent(OutboundEvent event) {
    return alreadySent.test(event);
  }

  /** Holds events until a resume frame arrives (or the resume wait's timer ends the wait). */
  void awaitResume() {
    resumePending = true;
  }

  /** The resume wait's timer, cancelled at once when the socket is live or {@code closing}. */
  void resumeTimer(Future<?> timer, boolean closing) {
    resumeTimer = timer;
    if (released || closing) {
      timer.cancel(false);
    }
  }

  /** Whether the socket was opened to resume and has not resumed yet. */
  boolean awaitingResume() {
    return resumePending && !released;
  }

  /** Stops the resume wait's timer, if any: the socket went live or closed. */
  void cancelResumeTimer() {
    Future<?> timer = resumeTimer;
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
