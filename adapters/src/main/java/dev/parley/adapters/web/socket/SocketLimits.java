package dev.parley.adapters.web.socket;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Per-connection and per-user bounds of the sockets (documented in docs/protocol.md).
 *
 * <p>Outbound bytes queued beyond {@code softOutboundBytes} shed best-effort events (typing,
 * presence); beyond {@code hardOutboundBytes} the client is disconnected with {@link
 * CloseCodes#SLOW_CONSUMER}. Inbound frames waiting beyond {@code maxPendingFrames} are refused.
 * Each user may make {@code ratePerSecond} writes a second, in bursts of {@code rateBurst}: socket
 * frames on all their connections and REST writes together draw from that one budget (see {@code
 * WriteBudget}, shared by every node when Redis is configured); after {@code closeAfterRefusals}
 * refusals within a second the socket is closed with {@link CloseCodes#RATE_LIMITED}. A ping goes
 * out every {@code heartbeatInterval}; a connection silent for {@code heartbeatTimeout} is closed.
 * A user may hold {@code maxConnectionsPerUser} sockets at once, a client address {@code
 * maxConnectionsPerAddress}. A connection opened to resume goes live without a replay after {@code
 * resumeWait}. Once the server has sent its close frame it waits up to {@code closeLinger} for the
 * client's.
 */
@ConfigurationProperties("parley.socket")
public class SocketLimits {
  private long softOutboundBytes = 256 * 1024;
  private long hardOutboundBytes = 4 * 1024 * 1024;
  private int maxPendingFrames = 64;
  private int maxMessageBytes = 64 * 1024;
  private int ratePerSecond = 20;
  private int rateBurst = 40;
  private int closeAfterRefusals = 50;
  private Duration heartbeatInterval = Duration.ofSeconds(30);
  private Duration heartbeatTimeout = Duration.ofSeconds(75);
  private Duration resumeWait = Duration.ofSeconds(10);
  private Duration closeLinger = Duration.ofSeconds(1);
  private int maxConnectionsPerUser = 20;
  private int maxConnectionsPerAddress = 500;
  private boolean compression;

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

  /** Largest client message, all fragments together, in bytes. */
  public int getMaxMessageBytes() {
    return maxMessageBytes;
  }

  public void setMaxMessageBytes(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  public int getRatePerSecond() {
    return ratePerSecond;
  }

  public void setRatePerSecond(int ratePerSecond) {
    this.ratePerSecond = ratePerSecond;
  }

  public int getRateBurst() {
    return rateBurst;
  }

  public void setRateBurst(int rateBurst) {
    this.rateBurst = rateBurst;
  }

  public int getCloseAfterRefusals() {
    return closeAfterRefusals;
  }

  public void setCloseAfterRefusals(int closeAfterRefusals) {
    this.closeAfterRefusals = closeAfterRefusals;
  }

  public Duration getHeartbeatInterval() {
    return heartbeatInterval;
  }

  public void setHeartbeatInterval(Duration heartbeatInterval) {
    this.heartbeatInterval = heartbeatInterval;
  }

  public Duration getHeartbeatTimeout() {
    return heartbeatTimeout;
  }

  public void setHeartbeatTimeout(Duration heartbeatTimeout) {
    this.heartbeatTimeout = heartbeatTimeout;
  }

  public Duration getResumeWait() {
    return resumeWait;
  }

  public void setResumeWait(Duration resumeWait) {
    this.resumeWait = resumeWait;
  }

  /**
   * How long a socket the server closes keeps reading after its close frame, waiting for the
   * client's, before the TCP connection is closed anyway.
   */
  public Duration getCloseLinger() {
    return closeLinger;
  }

  public void setCloseLinger(Duration closeLinger) {
    this.closeLinger = closeLinger;
  }

  /** Open sockets one user may hold on this node, all surfaces together. */
  public int getMaxConnectionsPerUser() {
    return maxConnectionsPerUser;
  }

  public void setMaxConnectionsPerUser(int maxConnectionsPerUser) {
    this.maxConnectionsPerUser = maxConnectionsPerUser;
  }

  /** Open sockets one client address may hold on this node, all users together. */
  public int getMaxConnectionsPerAddress() {
    return maxConnectionsPerAddress;
  }

  public void setMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
    this.maxConnectionsPerAddress = maxConnectionsPerAddress;
  }

  /**
   * Whether sockets may negotiate permessage-deflate (off by default: a negotiated deflate context
   * costs about 120 KiB per socket, and chat frames are small).
   */
  public boolean isCompression() {
    return compression;
  }

  public void setCompression(boolean compression) {
    this.compression = compression;
  }
}
