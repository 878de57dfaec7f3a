package dev.parley.adapters.registry;

import dev.parley.application.port.out.ConnectionRegistry;
import dev.parley.application.realtime.ClientConnection;
import dev.parley.domain.event.Topic;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@link ConnectionRegistry} in this node's memory: concurrent indexes by topic, user and bound
 * server. Empty index entries are removed so memory follows the live connections.
 */
@Singleton
public class InMemoryConnectionRegistry implements ConnectionRegistry {

  /** What the registry remembers of one connection. */
  private static final class Entry {
    final Set<Topic> topics = ConcurrentHashMap.newKeySet();
    volatile Long boundServerId;
  }

  private final Map<ClientConnection, Entry> entries = new ConcurrentHashMap<>();
  private final Map<Topic, Set<ClientConnection>> byTopic = new ConcurrentHashMap<>();
  private final Map<Long, Set<ClientConnection>> byUser = new ConcurrentHashMap<>();
  private final Map<Long, Set<ClientConnection>> byBoundServer = new ConcurrentHashMap<>();

  @Override
  public void register(ClientConnection connection) {
    entries.put(connection, new Entry());
    add(byUser, connection.userId(), connection);
  }

  @Override
  public void bind(ClientConnection connection, long serverId) {
    Entry entry = entries.get(connection);
    if (entry == null) {
      return;
    }
    entry.boundServerId = serverId;
    add(byBoundServer, serverId, connection);
    if (!entries.containsKey(connection)) {
      remove(byBoundServer, serverId, connection);
    }
  }

  @Override
  public void unregister(ClientConnection connection) {
    Entry entry = entries.remove(connection);
    if (entry == null) {
      return;
    }
    for (Topic topic : entry.topics) {
      remove(byTopic, topic, connection);
    }
    remove(byUser, connection.userId(), connection);
    Long bound = entry.boundServerId;
    if (bound != null) {
      remove(byBoundServer, bound, connection);
    }
  }

  @Override
  public void subscribe(ClientConnection connection, Topic topic) {
    Entry entry = entries.get(connection);
    if (entry == null) {
      return;
    }
    entry.topics.add(topic);
    add(byTopic, topic, connection);
    if (!entries.containsKey(connection)) {
      // Unregistered meanwhile: undo, so no index keeps a dead connection.
      remove(byTopic, topic, connection);
    }
  }

  @Override
  public void unsubscribe(ClientConnection connection, Topic topic) {
    Entry entry = entries.get(connection);
    if (entry != null) {
      entry.topics.remove(topic);
    }
    remove(byTopic, topic, connection);
  }

  @Override
  public void forEachSubscriber(Topic topic, Consumer<ClientConnection> action) {
    Set<ClientConnection> subscribers = byTopic.get(topic);
    if (subscribers != null) {
      subscribers.forEach(action);
    }
  }

  @Override
  public List<ClientConnection> connectionsOf(long userId) {
    return snapshot(byUser.get(userId));
  }

  @Override
  public List<ClientConnection> boundTo(long serverId) {
    return snapshot(byBoundServer.get(serverId));
  }

  @Override
  public int size() {
    return entries.size();
  }

  private static <K> void add(Map<K, Set<ClientConnection>> index, K key, ClientConnection c) {
    index.compute(
        key,
        (k, set) -> {
          Set<ClientConnection> target = set == null ? ConcurrentHashMap.newKeySet() : set;
          target.add(c);
          return target;
        });
  }

  private static <K> void remove(Map<K, Set<ClientConnection>> index, K key, ClientConnection c) {
    index.computeIfPresent(
        key,
        (k, set) -> {
          set.remove(c);
          return set.isEmpty() ? null : set;
        });
  }

  private static List<ClientConnection> snapshot(Set<ClientConnection> set) {
    return set == null ? List.of() : List.copyOf(set);
  }
}
