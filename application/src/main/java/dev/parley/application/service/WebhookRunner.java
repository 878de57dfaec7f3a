package dev.parley.application.service;

import dev.parley.application.port.in.RunWebhooksUseCase;
import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.ChannelChangeLog;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.Transactions;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.port.out.WebhookOutbox;
import dev.parley.application.port.out.WebhookOutbox.FeedCursor;
import dev.parley.application.port.out.WebhookOutbox.MemberChange;
import dev.parley.application.port.out.WebhookOutbox.OutgoingEvent;
import dev.parley.application.port.out.WebhookOutbox.PendingEvent;
import dev.parley.application.port.out.WebhookSender;
import dev.parley.application.port.out.WebhookSender.Outcome;
import dev.parley.application.port.out.WebhookStore;
import dev.parley.application.service.WebhookPayloads.Payload;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.event.ChatEvent;
import dev.parley.domain.webhook.Webhook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Feeds the webhook outbox from the durable logs (each channel's change log, each server's member
 * log) and delivers it. Feeding runs on one node at a time, under a transaction-scoped lock, and
 * writes a channel's outbox rows and advances its cursor in one transaction: whatever committed is
 * fed once, whatever crashes. Delivery claims rows any node may send, one node per row.
 */
public final class WebhookRunner implements RunWebhooksUseCase {

  /**
   * How retries and automatic disabling behave; {@code batch} bounds a feeding read, {@code claim}
   * the rows one dispatch takes (small, so that several delivery threads share the due rows); the
   * delivery log keeps {@code logRetention} of attempts.
   */
  public record Policy(
      Duration firstRetry,
      Duration maxRetry,
      int disableAfterFailures,
      Duration lease,
      int batch,
      int claim,
      Duration logRetention) {}

  private final WebhookStore store;
  private final WebhookOutbox outbox;
  private final WebhookSender sender;
  private final ChannelChangeLog changes;
  private final ChannelRepository channels;
  private final Transactions transactions;
  private final ChangeReplay replay;
  private final Clock clock;
  private final Policy policy;

  public WebhookRunner(
      WebhookStore store,
      WebhookOutbox outbox,
      WebhookSender sender,
      ChannelChangeLog changes,
      ChannelRepository channels,
      MessageRepository messages,
      UserRepository users,
      AttachmentRepository attachments,
      Transactions transactions,
      Clock clock,
      Policy policy) {
    this.store = store;
    this.outbox = outbox;
    this.sender = sender;
    this.changes = changes;
    this.channels = channels;
    this.transactions = transactions;
    this.replay = new ChangeReplay(changes, messages, users, attachments);
    this.clock = clock;
    this.policy = policy;
  }

  @Override
  public int feed() {
    int fed = 0;
    for (FeedCursor behind : outbox.channelsBehind(policy.batch())) {
      fed += transactions.inTransaction(() -> feedChannel(behind.channelId()));
    }
    for (long serverId : outbox.serversWithMemberChanges()) {
      fed += transactions.inTransaction(() -> feedMembers(serverId));
    }
    return fed;
  }

  private int feedChannel(long channelId) {
    if (!outbox.tryFeedLock()) {
      return 0; // another node is feeding
    }
    Optional<Channel> found = channels.findById(channelId);
    if (found.isEmpty()) {
      return 0;
    }
    Channel channel = found.get();
    long cursor = outbox.cursor(channelId);
    List<ChannelChangeLog.Entry> entries = changes.after(channelId, cursor, policy.batch());
    if (entries.isEmpty()) {
      return 0;
    }
    List<Webhook> webhooks = activeWebhooks(channel.serverId());
    Instant now = clock.instant();
    List<OutgoingEvent> out = new ArrayList<>();
    // Unfolded: each entry is its own event, as it happened.
    for (ChatEvent event : replay.events(channel, entries, false)) {
      WebhookPayloads.of(event)
          .ifPresent(payload -> queue(out, webhooks, channel.serverId(), channelId, payload, now));
    }
    outbox.enqueue(out);
    outbox.advanceCursor(channelId, entries.get(entries.size() - 1).pos());
    return out.size();
  }

  private int feedMembers(long serverId) {
    if (!outbox.tryFeedLock()) {
      return 0;
    }
    List<MemberChange> log = outbox.memberChanges(serverId, policy.batch());
    if (log.isEmpty()) {
      return 0;
    }
    List<Webhook> webhooks = activeWebhooks(serverId);
    Instant now = clock.instant();
    List<OutgoingEvent> out = new ArrayList<>();
    for (MemberChange change : log) {
      queue(out, webhooks, serverId, null, WebhookPayloads.of(change), now);
    }
    outbox.enqueue(out);
    outbox.forgetMemberChanges(serverId, log.get(log.size() - 1).pos());
    return out.size();
  }

  private List<Webhook> activeWebhooks(Long serverId) {
    return serverId == null
        ? List.of()
        : store.listByServer(serverId).stream().filter(Webhook::active).toList();
  }

  private static void queue(
      List<OutgoingEvent> out,
      List<Webhook> webhooks,
      long serverId,
      Long channelId,
      Payload payload,
      Instant now) {
    for (Webhook webhook : webhooks) {
      if (webhook.wants(payload.type())) {
        out.add(
            new OutgoingEvent(
                webhook.id(), serverId, channelId, payload.type().wire(), payload.dataJson(), now));
      }
    }
  }

  @Override
  public int prune() {
    return store.forgetDeliveriesBefore(clock.instant().minus(policy.logRetention()));
  }

  @Override
  public int dispatch() {
    Instant now = clock.instant();
    List<PendingEvent> claimed = outbox.claimDue(now, now.plus(policy.lease()), policy.claim());
    for (PendingEvent event : claimed) {
      deliver(event);
    }
    return claimed.size();
  }

  private void deliver(PendingEvent event) {
    Outcome outcome = sender.post(event);
    Instant at = clock.instant();
    store.recordAttempt(
        event.webhookId(),
        event.id(),
        event.type(),
        event.attempt(),
        outcome.statusCode(),
        outcome.error(),
        outcome.durationMillis(),
        at);
    if (outcome.delivered()) {
      outbox.delivered(event.id());
      store.resetFailures(event.webhookId());
      return;
    }
    outbox.retryAt(event.id(), at.plus(backoff(event.attempt())));
    int failures = store.countFailure(event.webhookId());
    if (failures >= policy.disableAfterFailures()) {
      store.disable(
          event.webhookId(),
          "Disabled after "
              + failures
              + " consecutive failed attempts; last: "
              + (outcome.statusCode() != null ? "HTTP " + outcome.statusCode() : outcome.error()));
    }
  }

  /** 1×, 2×, 4×… the first retry delay after the 1st, 2nd, 3rd… attempt, capped. */
  Duration backoff(int attempt) {
    int doublings = Math.min(Math.max(attempt - 1, 0), 30);
    Duration delay = policy.firstRetry().multipliedBy(1L << doublings);
    return delay.compareTo(policy.maxRetry()) > 0 ? policy.maxRetry() : delay;
  }
}
