package dev.parley.application.realtime;

import java.util.BitSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which change positions of each channel this node has delivered, over a sliding window of the most
 * recent positions per channel (about 1 KiB per channel with changes in the last half hour).
 * Delivery uses it to pass each change once, however many paths bring it (the node itself, the
 * fan-out from other nodes, the repair after a fan-out outage).
 */
public final class DeliveredChanges {
  /** Positions remembered per channel; older ones count as delivered. */
  public static final int WINDOW = 8192;

  /** A channel without changes for this long is forgotten, so memory follows active channels. */
  private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(30);

  /** How often (in deliveries) idle channels are swept. */
  private static final int SWEEP_EVERY = 1 << 16;

  private final ConcurrentHashMap<Long, Window> channels = new ConcurrentHashMap<>();
  private final AtomicInteger untilSweep = new AtomicInteger(SWEEP_EVERY);

  /** Marks the position delivered; true the first time, false when it was delivered already. */
  public boolean firstDelivery(long channelId, long pos) {
    if (pos <= 0) {
      return true; // not a logged change: nothing to compare with
    }
    if (untilSweep.decrementAndGet() == 0) {
      untilSweep.set(SWEEP_EVERY);
      long now = System.nanoTime();
      channels.values().removeIf(w -> now - w.touched > IDLE_NANOS);
    }
    return channels.computeIfAbsent(channelId, id -> new Window(pos)).mark(pos);
  }

  /** Whether the position was delivered (or is older than the window remembers). */
  public boolean delivered(long channelId, long pos) {
    Window window = channels.get(channelId);
    return window != null && window.has(pos);
  }

  /** Forgets a channel, e.g. once it is deleted. */
  public void forget(long channelId) {
    channels.remove(channelId);
  }

  /** The positions of one channel: those below {@code base} are taken as delivered. */
  private static final class Window {
    private long base;
    private BitSet seen = new BitSet();
    private volatile long touched = System.nanoTime();

    /**
     * Starts half a window below the first position seen, so changes committed just before it (and
     * missed during an outage) are still recognised as missing.
     */
    Window(long first) {
      this.base = Math.max(1, first - WINDOW / 2);
    }

    synchronized boolean mark(long pos) {
      touched = System.nanoTime();
      if (pos < base) {
        return false;
      }
      if (pos >= base + WINDOW) {
        slide(pos - WINDOW / 2);
      }
      int bit = (int) (pos - base);
      if (seen.get(bit)) {
        return false;
      }
      seen.set(bit);
      return true;
    }

    synchronized boolean has(long pos) {
      return pos < base || (pos < base + WINDOW && seen.get((int) (pos - base)));
    }

    private void slide(long newBase) {
      seen = seen.get((int) Math.min(Integer.MAX_VALUE, newBase - base), WINDOW);
      base = newBase;
    }
  }
}
