package dev.parley.application.fakes;

import dev.parley.application.port.out.IncomingHookRepository;
import dev.parley.domain.webhook.IncomingHook;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** In-memory {@link IncomingHookRepository}. */
public class InMemoryIncomingHookRepository implements IncomingHookRepository {
  /** A stored webhook; {@code revokedAt} is null while it is active. */
  private record Row(IncomingHook hook, String secretHash, Instant revokedAt) {}

  private final Map<Long, Row> rows = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  @Override
  public IncomingHook create(NewHook hook) {
    IncomingHook made =
        new IncomingHook(
            ids.incrementAndGet(),
            hook.channelId(),
            hook.posterId(),
            hook.name(),
            hook.createdBy(),
            hook.createdAt());
    rows.put(made.id(), new Row(made, hook.secretHash(), null));
    return made;
  }

  @Override
  public Optional<ActiveHook> findActive(long id) {
    return Optional.ofNullable(rows.get(id))
        .filter(r -> r.revokedAt() == null)
        .map(r -> new ActiveHook(r.hook(), r.secretHash()));
  }

  @Override
  public List<IncomingHook> activeInChannel(long channelId) {
    return rows.values().stream()
        .filter(r -> r.revokedAt() == null && r.hook().channelId() == channelId)
        .map(Row::hook)
        .sorted(Comparator.comparing(IncomingHook::createdAt).thenComparingLong(IncomingHook::id))
        .toList();
  }

  @Override
  public boolean revoke(long id, Instant at) {
    return changed(id, r -> new Row(r.hook(), r.secretHash(), at));
  }

  @Override
  public boolean replaceSecret(long id, String secretHash) {
    return changed(id, r -> new Row(r.hook(), secretHash, null));
  }

  private boolean changed(long id, java.util.function.UnaryOperator<Row> change) {
    boolean[] done = {false};
    rows.computeIfPresent(
        id,
        (key, r) -> {
          if (r.revokedAt() != null) {
            return r;
          }
          done[0] = true;
          return change.apply(r);
        });
    return done[0];
  }
}
