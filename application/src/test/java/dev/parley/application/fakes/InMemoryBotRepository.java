package dev.parley.application.fakes;

import dev.parley.application.port.out.BotRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link BotRepository}. */
public class InMemoryBotRepository implements BotRepository {
  private final Map<Long, Bot> bots = new ConcurrentHashMap<>();

  @Override
  public void create(Bot bot) {
    if (bots.putIfAbsent(bot.userId(), bot) != null) {
      throw new IllegalStateException("bot " + bot.userId() + " exists");
    }
  }

  @Override
  public Optional<Bot> find(long userId) {
    return Optional.ofNullable(bots.get(userId));
  }

  @Override
  public List<Bot> inServer(long serverId) {
    return bots.values().stream()
        .filter(b -> b.serverId() == serverId)
        .sorted(Comparator.comparing(Bot::createdAt).thenComparingLong(Bot::userId))
        .toList();
  }

  @Override
  public void setSession(long userId, String sessionId) {
    bots.computeIfPresent(
        userId,
        (id, b) -> new Bot(b.userId(), b.serverId(), b.createdBy(), b.createdAt(), sessionId));
  }
}
