package dev.parley.application.port.out;

import java.time.Instant;
import java.util.List;

/**
 * The webhooks' durable queue, shared by every node: the feed's cursors over the channels' change
 * logs and the servers' member logs, and the outbox of events to send, claimed by one node at a
 * time.
 */
public interface WebhookOutbox {

  // Feeding.

  /** A channel of a server with webhooks, with how far its log was fed. */
  record FeedCursor(long channelId, long pos) {}

  /**
   * Takes the feed's lock for the caller's transaction, if no other transaction holds it; the
   * caller must be in a transaction.
   */
  boolean tryFeedLock();

  /**
   * The text channels of servers with webhooks whose log is ahead of their cursor, at most limit. A
   * channel without a cursor gets one: at its current position (no history is sent), or at 0 when
   * it was created after the server's first webhook (so its first messages are not missed).
   */
  List<FeedCursor> channelsBehind(int limit);

  /** The channel's cursor, read in the caller's transaction (0 when it has none). */
  long cursor(long channelId);

  void advanceCursor(long channelId, long pos);

  /**
   * A member joined ({@code joined}) or left a server with webhooks, as its member log has it;
   * {@code reason} says how one left (a {@code MemberLeft.Reason} name), null when unknown (an
   * account deleted, or a row removed by hand).
   */
  record MemberChange(
      long serverId,
      long pos,
      long userId,
      String username,
      boolean joined,
      String role,
      String reason) {}

  /** Servers with entries in their member log. */
  List<Long> serversWithMemberChanges();

  /** The member log of a server, oldest first, at most limit. */
  List<MemberChange> memberChanges(long serverId, int limit);

  /** Removes the server's member log entries up to and including {@code pos}: they are fed. */
  void forgetMemberChanges(long serverId, long pos);

  /** An event to send to one webhook; {@code channelId} is null for server-wide events. */
  record OutgoingEvent(
      long webhookId, long serverId, Long channelId, String type, String dataJson, Instant at) {}

  void enqueue(List<OutgoingEvent> events);

  // Delivering.

  /** An outbox row claimed for sending, with where and how to sign it. */
  record PendingEvent(
      long id,
      long webhookId,
      String url,
      String secret,
      String type,
      long serverId,
      Long channelId,
      String dataJson,
      Instant createdAt,
      int attempt) {}

  /**
   * Claims the due rows of active webhooks until {@code leaseUntil}, at most limit, skipping rows
   * other nodes hold: a row is due when its time has come and no earlier row of the same webhook
   * and channel waits, so each channel's events go out in order. The attempt counts this one.
   */
  List<PendingEvent> claimDue(Instant now, Instant leaseUntil, int limit);

  /** Removes a delivered row. */
  void delivered(long eventId);

  /** Frees a failed row for another attempt at {@code at}. */
  void retryAt(long eventId, Instant at);
}
