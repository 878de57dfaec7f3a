package dev.parley.application.fakes;

import dev.parley.application.port.out.ChannelChangeLog;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.WebhookOutbox;
import dev.parley.application.port.out.WebhookStore;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.webhook.Webhook;
import dev.parley.domain.webhook.WebhookDelivery;
import dev.parley.domain.webhook.WebhookEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * In-memory {@link WebhookStore} and {@link WebhookOutbox} over one state: one lock for everything;
 * cursors start at the channel's last logged position; the member log is filled by the test ({@link
 * #logMember}), as the database trigger would.
 */
public class InMemoryWebhookStore implements WebhookStore, WebhookOutbox {
  /** An outbox row as stored. */
  public record Row(
      long id, OutgoingEvent event, int attempts, Instant nextAttemptAt, Instant leasedUntil) {}

  private final ChannelRepository channels;
  private final ChannelChangeLog changes;
  private final Map<Long, Webhook> webhooks = new LinkedHashMap<>();
  private final Map<Long, String> secrets = new HashMap<>();
  private final Map<Long, Long> cursors = new HashMap<>();
  private final TreeMap<Long, Row> outbox = new TreeMap<>();
  private final List<WebhookDelivery> log = new ArrayList<>();
  private final Map<Long, TreeMap<Long, MemberChange>> members = new HashMap<>();
  private final Set<Long> locked = new HashSet<>();
  private long nextId = 1;

  public InMemoryWebhookStore(ChannelRepository channels, ChannelChangeLog changes) {
    this.channels = channels;
    this.changes = changes;
  }

  /** What the membership trigger records: only for servers with webhooks. */
  public synchronized void logMember(
      long serverId, long userId, String username, boolean joined, String role, String reason) {
    if (webhooks.values().stream().noneMatch(w -> w.serverId() == serverId)) {
      return;
    }
    TreeMap<Long, MemberChange> server = members.computeIfAbsent(serverId, s -> new TreeMap<>());
    long pos = server.isEmpty() ? 1 : server.lastKey() + 1;
    server.put(pos, new MemberChange(serverId, pos, userId, username, joined, role, reason));
  }

  public synchronized List<Row> outbox() {
    return List.copyOf(outbox.values());
  }

  public synchronized String secretOf(long webhookId) {
    return secrets.get(webhookId);
  }

  /** Makes {@link #tryFeedLock} fail, as if another node were feeding. */
  public synchronized void holdFeedLock(boolean held) {
    if (held) {
      locked.add(0L);
    } else {
      locked.clear();
    }
  }

  private long lastPos(long channelId) {
    List<ChannelChangeLog.Entry> all = changes.after(channelId, 0, Integer.MAX_VALUE);
    return all.isEmpty() ? 0 : all.get(all.size() - 1).pos();
  }

  @Override
  public synchronized Webhook create(
      long serverId, String url, Set<WebhookEventType> events, String secret, Instant at) {
    for (Channel c : channels.listByServer(serverId)) {
      if (c.kind() == ChannelKind.TEXT) {
        cursors.putIfAbsent(c.id(), lastPos(c.id()));
      }
    }
    Webhook w = new Webhook(nextId++, serverId, url, events, true, null, 0, at);
    webhooks.put(w.id(), w);
    secrets.put(w.id(), secret);
    return w;
  }

  @Override
  public synchronized Optional<Webhook> find(long webhookId) {
    return Optional.ofNullable(webhooks.get(webhookId));
  }

  @Override
  public synchronized List<Webhook> listByServer(long serverId) {
    return webhooks.values().stream().filter(w -> w.serverId() == serverId).toList();
  }

  @Override
  public synchronized void save(Webhook webhook) {
    webhooks.put(webhook.id(), webhook);
  }

  @Override
  public synchronized void changeSecret(long webhookId, String secret) {
    secrets.put(webhookId, secret);
  }

  @Override
  public synchronized void delete(long webhookId) {
    webhooks.remove(webhookId);
    outbox.values().removeIf(r -> r.event().webhookId() == webhookId);
    log.removeIf(d -> d.webhookId() == webhookId);
  }

  @Override
  public synchronized List<WebhookDelivery> deliveries(long webhookId, long beforeId, int limit) {
    return log.stream()
        .filter(d -> d.webhookId() == webhookId && (beforeId == 0 || d.id() < beforeId))
        .sorted(Comparator.comparingLong(WebhookDelivery::id).reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized boolean tryFeedLock() {
    return locked.isEmpty();
  }

  @Override
  public synchronized List<FeedCursor> channelsBehind(int limit) {
    List<FeedCursor> behind = new ArrayList<>();
    for (Map.Entry<Long, Long> e : cursors.entrySet()) {
      if (lastPos(e.getKey()) > e.getValue() && behind.size() < limit) {
        behind.add(new FeedCursor(e.getKey(), e.getValue()));
      }
    }
    return behind;
  }

  @Override
  public synchronized long cursor(long channelId) {
    return cursors.getOrDefault(channelId, 0L);
  }

  @Override
  public synchronized void advanceCursor(long channelId, long pos) {
    cursors.put(channelId, pos);
  }

  @Override
  public synchronized List<Long> serversWithMemberChanges() {
    return members.entrySet().stream()
        .filter(e -> !e.getValue().isEmpty())
        .map(Map.Entry::getKey)
        .toList();
  }

  @Override
  public synchronized List<MemberChange> memberChanges(long serverId, int limit) {
    return members.getOrDefault(serverId, new TreeMap<>()).values().stream().limit(limit).toList();
  }

  @Override
  public synchronized void forgetMemberChanges(long serverId, long pos) {
    members.getOrDefault(serverId, new TreeMap<>()).headMap(pos, true).clear();
  }

  @Override
  public synchronized void enqueue(List<OutgoingEvent> events) {
    for (OutgoingEvent e : events) {
      long id = nextId++;
      outbox.put(id, new Row(id, e, 0, e.at(), null));
    }
  }

  @Override
  public synchronized List<PendingEvent> claimDue(Instant now, Instant leaseUntil, int limit) {
    Set<List<Long>> streamsSeen = new HashSet<>();
    List<PendingEvent> claimed = new ArrayList<>();
    for (Row row : List.copyOf(outbox.values())) {
      OutgoingEvent e = row.event();
      List<Long> stream = List.of(e.webhookId(), e.channelId() == null ? 0L : e.channelId());
      if (!streamsSeen.add(stream)) {
        continue; // an earlier row of the stream waits
      }
      Webhook w = webhooks.get(e.webhookId());
      boolean free = row.leasedUntil() == null || row.leasedUntil().isBefore(now);
      if (w == null || !w.active() || row.nextAttemptAt().isAfter(now) || !free) {
        continue;
      }
      if (claimed.size() == limit) {
        break;
      }
      Row taken = new Row(row.id(), e, row.attempts() + 1, row.nextAttemptAt(), leaseUntil);
      outbox.put(row.id(), taken);
      claimed.add(
          new PendingEvent(
              row.id(),
              e.webhookId(),
              w.url(),
              secrets.get(w.id()),
              e.type(),
              e.serverId(),
              e.channelId(),
              e.dataJson(),
              e.at(),
              taken.attempts()));
    }
    return claimed;
  }

  @Override
  public synchronized void delivered(long eventId) {
    outbox.remove(eventId);
  }

  @Override
  public synchronized void retryAt(long eventId, Instant at) {
    Row row = outbox.get(eventId);
    if (row != null) {
      outbox.put(eventId, new Row(row.id(), row.event(), row.attempts(), at, null));
    }
  }

  @Override
  public synchronized int forgetDeliveriesBefore(Instant cutoff) {
    int before = log.size();
    log.removeIf(d -> d.at().isBefore(cutoff));
    return before - log.size();
  }

  @Override
  public synchronized void recordAttempt(
      long webhookId,
      long eventId,
      String eventType,
      int attempt,
      Integer statusCode,
      String error,
      long durationMillis,
      Instant at) {
    log.add(
        new WebhookDelivery(
            nextId++,
            webhookId,
            eventId,
            eventType,
            attempt,
            statusCode,
            error,
            durationMillis,
            at));
  }

  @Override
  public synchronized int countFailure(long webhookId) {
    Webhook w = webhooks.get(webhookId);
    if (w == null) {
      return 0;
    }
    Webhook failed =
        new Webhook(
            w.id(),
            w.serverId(),
            w.url(),
            w.events(),
            w.active(),
            w.disabledReason(),
            w.consecutiveFailures() + 1,
            w.createdAt());
    webhooks.put(webhookId, failed);
    return failed.consecutiveFailures();
  }

  @Override
  public synchronized void resetFailures(long webhookId) {
    Webhook w = webhooks.get(webhookId);
    if (w != null) {
      webhooks.put(
          webhookId,
          new Webhook(
              w.id(),
              w.serverId(),
              w.url(),
              w.events(),
              w.active(),
              w.disabledReason(),
              0,
              w.createdAt()));
    }
  }

  @Override
  public synchronized void disable(long webhookId, String reason) {
    Webhook w = webhooks.get(webhookId);
    if (w != null && w.active()) {
      webhooks.put(
          webhookId,
          new Webhook(
              w.id(),
              w.serverId(),
              w.url(),
              w.events(),
              false,
              reason,
              w.consecutiveFailures(),
              w.createdAt()));
    }
  }
}
