package dev.parley.adapters.web.socket;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Per-connection bounds. Outbound bytes queued beyond {@code softOutboundBytes} shed best-effort
 * events (typing, presence); beyond {@code hardOutboundBytes} the client is disconnected with
 * {@link CloseCodes#SLOW_CONSUMER}. Inbound frames waiting beyond {@code maxPendingFrames} are
 * refused with an error event.
 */
@ConfigurationProperties("parley.socket")
public class SocketLimits {
  private long softOutboundBytes = 256 * 1024;
  private long hardOutboundBytes = 4 * 1024 * 1024;
  private int maxPendingFrames = 64;

  public long getSoftOutboundBytes() {
    return softOutboundBytes;
  }

  public void setSoftOutboundBytes(long softOutboundBytes) {
    this.softOutboundBytes = softOutboundBytes;
  }

  public long getHardOutboundBytes() {
    return hardOutboundBytes;
  }

  public void setHardOutboundBytes(long hardOutboundBytes) {
    this.hardOutboundBytes = hardOutboundBytes;
  }

  public int getMaxPendingFrames() {
    return maxPendingFrames;
  }

  public void setMaxPendingFrames(int maxPendingFrames) {
    this.maxPendingFrames = maxPendingFrames;
  }
}
