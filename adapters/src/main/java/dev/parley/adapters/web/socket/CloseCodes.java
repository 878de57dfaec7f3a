package dev.parley.adapters.web.socket;

/** WebSocket close codes Parley uses; the socket protocol document lists them for clients. */
public final class CloseCodes {
  private CloseCodes() {}

  /** The server is shutting down; reconnect (and resume) elsewhere or later. */
  public static final int GOING_AWAY = 1001;

  /** A binary frame: Parley speaks JSON text only. */
  public static final int UNSUPPORTED_DATA = 1003;

  /** A message (all its fragments together) larger than the limit. */
  public static final int MESSAGE_TOO_BIG = 1009;

  /** The request broke a rule of the endpoint (e.g. a path user id that is not the caller). */
  public static final int POLICY_VIOLATION = 1008;

  /** Nothing was heard from the client (no frame, no pong) within the heartbeat timeout. */
  public static final int HEARTBEAT_TIMEOUT = 4001;

  /** The client fell too far behind; reconnect and resume from the last seq seen. */
  public static final int SLOW_CONSUMER = 4008;

  /** The client sent more than its share; slow down before reconnecting. */
  public static final int RATE_LIMITED = 4029;

  /** The login session ended (logout, password change, deactivation): log in again. */
  public static final int SESSION_ENDED = 4401;

  /** The user lost access to what this connection followed (removed, channel gone). */
  public static final int ACCESS_REVOKED = 4403;

  /** The connection's channel does not exist or is not visible to the user. */
  public static final int NOT_FOUND = 4404;
}
