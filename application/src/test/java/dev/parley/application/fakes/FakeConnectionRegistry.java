package dev.parley.application.fakes;

import dev.parley.application.port.out.ConnectionRegistry;
import dev.parley.application.realtime.ClientConnection;
import dev.parley.domain.event.Topic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/** A plain, synchronized {@link ConnectionRegistry} for use-case tests. */
public class FakeConnectionRegistry implements ConnectionRegistry {
  private final Map<ClientConnection, Set<Topic>> topics = new HashMap<>();
  private final Map<ClientConnection, Long> bound = new HashMap<>();

  @Override
  public synchronized void register(ClientConnection connection) {
    topics.put(connection, new LinkedHashSet<>());
  }

  @Override
  public synchronized void bind(ClientConnection connection, long serverId) {
    if (topics.containsKey(connection)) {
      bound.put(connection, serverId);
    }
  }

  @Override
  public synchronized void unregister(ClientConnection connection) {
    topics.remove(connection);
    bound.remove(connection);
  }

  @Override
  public synchronized void subscribe(ClientConnection connection, Topic topic) {
    Set<Topic> set = topics.get(connection);
    if (set != null) {
      set.add(topic);
    }
  }

  @Override
  public synchronized void unsubscribe(ClientConnection connection, Topic topic) {
    Set<Topic> set = topics.get(connection);
    if (set != null) {
      set.remove(topic);
    }
  }

  @Override
  public void forEachSubscriber(Topic topic, Consumer<ClientConnection> action) {
    List<ClientConnection> subscribers;
    synchronized (this) {
      subscribers =
          topics.entrySet().stream()
              .filter(e -> e.getValue().contains(topic))
              .map(Map.Entry::getKey)
              .toList();
    }
    subscribers.forEach(action);
  }

  @Override
  public synchronized List<ClientConnection> connectionsOf(long userId) {
    return new ArrayList<>(topics.keySet().stream().filter(c -> c.userId() == userId).toList());
  }

  @Override
  public synchronized List<ClientConnection> boundTo(long serverId) {
    return bound.entrySet().stream()
        .filter(e -> Objects.equals(e.getValue(), serverId))
        .map(Map.Entry::getKey)
        .toList();
  }

  @Override
  public synchronized int size() {
    return topics.size();
  }

  /** The topics a connection follows, for assertions. */
  public synchronized Set<Topic> topicsOf(ClientConnection connection) {
    return Set.copyOf(topics.getOrDefault(connection, Set.of()));
  }
}
