package dev.parley.application.port.out;

import dev.parley.application.realtime.ClientConnection;
import dev.parley.domain.event.Topic;
import java.util.List;
import java.util.function.Consumer;

/** This node's live connections, indexed by user and by the topics they follow. */
public interface ConnectionRegistry {

  /** Adds a connection. */
  void register(ClientConnection connection);

  /**
   * Records that a single-channel connection depends on membership of {@code serverId}: losing it
   * closes the connection.
   */
  void bind(ClientConnection connection, long serverId);

  /** Removes the connection from every index. */
  void unregister(ClientConnection connection);

  void subscribe(ClientConnection connection, Topic topic);

  void unsubscribe(ClientConnection connection, Topic topic);

  /** Calls {@code action} for each follower of {@code topic}; the hot path of fan-out. */
  void forEachSubscriber(Topic topic, Consumer<ClientConnection> action);

  /** A snapshot of a user's connections on this node. */
  List<ClientConnection> connectionsOf(long userId);

  /** A snapshot of the connections bound to a server's membership. */
  List<ClientConnection> boundTo(long serverId);

  /** How many connections are registered. */
  int size();
}
