package dev.parley.adapters.persistence;

import dev.parley.application.port.out.ChannelAccessReader.ChannelView;
import dev.parley.application.port.out.MembershipRepository.Reach;
import dev.parley.application.port.out.SessionRepository.Standing;
import dev.parley.domain.user.User;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The access reads of this node kept in memory, per user and channel, so a steady stream of sends
 * costs no access round trip; each user's reach (servers and conversations), and the users and
 * sessions a request's session check reads, so a connect or a request costs none either. An entry
 * is dropped when a row it was made of changes: at once for changes made through this node's
 * repositories, and on every node when PostgreSQL announces the committed change ({@link
 * AccessChangeListener}). While that announcement channel is down the cache is empty and bypassed,
 * so no node answers from memory what it might not hear about.
 *
 * <p>A read that raced with a change is not kept: every drop first bumps an epoch, and a loaded
 * entry is withdrawn again if the epoch moved while it was read. Entries also expire after {@code
 * maxAgeNanos}, a bound on any staleness the announcements could miss.
 */
@Singleton
final class AccessCache {

  /** A kept answer and when it was read. */
  private record Kept<V>(V value, long loadedAt) {}

  private final Map<Long, Map<Long, Kept<Optional<ChannelView>>>> byUser =
      new ConcurrentHashMap<>();
  private final Map<Long, Kept<Reach>> reaches = new ConcurrentHashMap<>();
  private final Map<Long, Kept<Optional<User>>> users = new ConcurrentHashMap<>();
  private final Map<String, Kept<Optional<Standing>>> sessions = new ConcurrentHashMap<>();
  private final AtomicLong epoch = new AtomicLong();
  private final LongSupplier nanoClock;
  private final long maxAgeNanos;
  private final int maxUsers;
  // A LongAdder: every hit of every send counts here, from many threads.
  private final LongAdder hits = new LongAdder();
  private final AtomicLong heard = new AtomicLong();
  private volatile boolean live;

  @jakarta.inject.Inject
  AccessCache(AccessCacheSettings settings) {
    this(System::nanoTime, settings.getMaxAge().toNanos(), settings.getMaxUsers());
  }

  AccessCache(LongSupplier nanoClock, long maxAgeNanos, int maxUsers) {
    this.nanoClock = nanoClock;
    this.maxAgeNanos = maxAgeNanos;
    this.maxUsers = maxUsers;
  }

  /** The kept view, or {@code load}'s answer (kept when nothing changed meanwhile). */
  Optional<ChannelView> read(long channelId, long userId, Supplier<Optional<ChannelView>> load) {
    // Only complete views are kept: a missing channel or caller may appear later under no
    // announcement this cache listens for.
    return remembered(
        byUser.get(userId),
        () -> byUser.computeIfAbsent(userId, id -> new ConcurrentHashMap<>()),
        channelId,
        load,
        view -> view.isPresent() && view.get().viewer().isPresent(),
        byUser);
  }

  /** The kept reach of the user, or {@code load}'s answer (kept when nothing changed meanwhile). */
  Reach reach(long userId, Supplier<Reach> load) {
    return remembered(reaches, () -> reaches, userId, load, reach -> true, reaches);
  }

  /** The kept user, or {@code load}'s answer (kept when found and nothing changed meanwhile). */
  Optional<User> user(long userId, Supplier<Optional<User>> load) {
    return remembered(users, () -> users, userId, load, Optional::isPresent, users);
  }

  /**
   * The kept standing of a session, or {@code load}'s answer (kept when the session stands and
   * nothing changed meanwhile: a revoked or missing session is read again).
   */
  Optional<Standing> standing(String sessionId, Supplier<Optional<Standing>> load) {
    return remembered(sessions, () -> sessions, sessionId, load, Optional::isPresent, sessions);
  }

  /**
   * The answer kept under {@code key} in {@code found} (null when there is none yet), or {@code
   * load}'s, put into {@code home()} when it is keepable and no drop ran while it was read. Past
   * {@code maxUsers} entries in {@code bounded} everything is dropped instead.
   */
  private <K, V> V remembered(
      Map<K, Kept<V>> found,
      Supplier<Map<K, Kept<V>>> home,
      K key,
      Supplier<V> load,
      Predicate<V> keepable,
      Map<?, ?> bounded) {
    if (!live) {
      return load.get();
    }
    long seen = epoch.get();
    Kept<V> kept = found == null ? null : found.get(key);
    long now = nanoClock.getAsLong();
    if (kept != null && now - kept.loadedAt() < maxAgeNanos) {
      hits.increment();
      return kept.value();
    }
    V loaded = load.get();
    if (keepable.test(loaded) && live && epoch.get() == seen) {
      if (bounded.size() >= maxUsers) {
        clear();
        return loaded;
      }
      Kept<V> fresh = new Kept<>(loaded, now);
      Map<K, Kept<V>> into = home.get();
      into.put(key, fresh);
      if (epoch.get() != seen) {
        // A change landed while this was read: its drop may have run before the put.
        into.remove(key, fresh);
      }
    }
    return loaded;
  }

  /** Reads answered from memory so far. */
  long hits() {
    return hits.sum();
  }

  /** Announcements applied so far. */
  long heard() {
    return heard.get();
  }

  /** Whether reads may be answered from memory. */
  boolean isLive() {
    return live;
  }

  /** Starts or stops answering from memory; either way everything kept so far is dropped. */
  void setLive(boolean live) {
    this.live = live;
    clear();
  }

  /** The channel changed (or is gone): every user's view of it goes. */
  void channelChanged(long channelId) {
    // Reaches stay: a deleted conversation left in one is a topic nothing is sent to any more.
    epoch.incrementAndGet();
    byUser.values().forEach(views -> views.remove(channelId));
  }

  /** The user, or one of their memberships, changed: all their views and their reach go. */
  void userChanged(long userId) {
    epoch.incrementAndGet();
    byUser.remove(userId);
    reaches.remove(userId);
    // Their sessions stay: a deleted user's sessions go by cascade, each announced on its own.
    users.remove(userId);
  }

  /** The session was revoked, changed or deleted. */
  void sessionChanged(String sessionId) {
    epoch.incrementAndGet();
    sessions.remove(sessionId);
  }

  /** The user joined or left a conversation. */
  void participantChanged(long channelId, long userId) {
    epoch.incrementAndGet();
    reaches.remove(userId);
    Map<Long, Kept<Optional<ChannelView>>> views = byUser.get(userId);
    if (views != null) {
      views.remove(channelId);
    }
  }

  /**
   * Drops everything (a server went with all its channels, or announcements may have been lost).
   */
  void clear() {
    epoch.incrementAndGet();
    byUser.clear();
    reaches.clear();
    users.clear();
    sessions.clear();
  }

  /** Applies one announcement of the parley_access channel; anything unreadable drops all. */
  void apply(String payload) {
    heard.incrementAndGet();
    try {
      String[] parts = payload.split(":");
      switch (parts[0]) {
        case "c" -> channelChanged(Long.parseLong(parts[1]));
        case "m", "u" -> userChanged(Long.parseLong(parts[parts.length - 1]));
        case "p" -> participantChanged(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        case "s" -> sessionChanged(parts[1]);
        default -> clear();
      }
    } catch (RuntimeException e) {
      clear();
    }
  }
}
