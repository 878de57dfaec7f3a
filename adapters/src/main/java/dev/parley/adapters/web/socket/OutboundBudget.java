package dev.parley.adapters.web.socket;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes one socket has handed to Netty and not yet written, against its soft and hard bounds:
 * over the soft bound best-effort frames are shed, over the hard bound the client is too far behind
 * and is closed.
 */
final class OutboundBudget {
  /** What to do with a frame. */
  enum Verdict {
    SEND,
    SHED,
    CLOSE
  }

  private final SocketLimits limits;
  private final AtomicLong queued = new AtomicLong();
  private final AtomicLong shed = new AtomicLong();

  OutboundBudget(SocketLimits limits) {
    this.limits = limits;
  }

  /**
   * Counts {@code size} bytes in when the verdict is {@link Verdict#SEND}; else leaves no trace.
   */
  Verdict admit(long size, boolean droppable) {
    long now = queued.addAndGet(size);
    if (droppable && now > limits.getSoftOutboundBytes()) {
      queued.addAndGet(-size);
      shed.incrementAndGet();
      return Verdict.SHED;
    }
    if (now > limits.getHardOutboundBytes()) {
      queued.addAndGet(-size);
      return Verdict.CLOSE;
    }
    return Verdict.SEND;
  }

  /** Bytes written (or never to be written): they no longer count. */
  void release(long size) {
    queued.addAndGet(-size);
  }

  long queued() {
    return queued.get();
  }

  long shed() {
    return shed.get();
  }

  /** The UTF-8 size of a frame, counted without encoding it (the send encodes it once). */
  static long utf8Length(String text) {
    long bytes = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        // Other BMP characters, and a lone surrogate, which is sent as a 3-byte replacement.
        bytes += 3;
      }
    }
    return bytes;
  }
}
