package dev.parley.application.fakes;

import dev.parley.application.realtime.ClientConnection;
import dev.parley.application.realtime.ConnectionScope;
import dev.parley.domain.event.ChatEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A connection that records what it is sent and how it is closed. */
public class RecordingConnection implements ClientConnection {
  private static int next;

  private final String id = "rec-" + (++next);
  private final long userId;
  private final ConnectionScope scope;
  public final List<ChatEvent> received = new CopyOnWriteArrayList<>();
  public final List<CloseReason> closes = new CopyOnWriteArrayList<>();

  public RecordingConnection(long userId, ConnectionScope scope) {
    this.userId = userId;
    this.scope = scope;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public long userId() {
    return userId;
  }

  @Override
  public String sessionId() {
    return "session-" + userId;
  }

  @Override
  public ConnectionScope scope() {
    return scope;
  }

  @Override
  public void deliver(dev.parley.application.realtime.OutboundEvent event) {
    received.add(event.event());
  }

  @Override
  public void close(CloseReason reason) {
    closes.add(reason);
  }

  @Override
  public String toString() {
    return id;
  }
}
