package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.fakes.FakeConnectionRegistry;
import dev.parley.application.fakes.RecordingConnection;
import dev.parley.application.port.in.AddMemberCommand;
import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateServerCommand;
import dev.parley.application.port.in.EditMessageCommand;
import dev.parley.application.port.in.ReactCommand;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.application.realtime.ConnectionScope;
import dev.parley.application.realtime.DeliveredChanges;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.event.ChannelChange;
import dev.parley.domain.event.ChatEvent;
import dev.parley.domain.event.Topic;
import dev.parley.domain.message.MessageText;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A second node that missed the fan-out for a while: the repair delivers from the change log what
 * it never passed on, each change once, and nothing it had.
 */
class GapRepairServiceTest {
  private final ChatWorld w = new ChatWorld();
  private final User alice = w.user("alice");
  private final User bob = w.user("bob");
  private final Server server =
      w.serverServices.create(new CreateServerCommand(alice.id(), "S", null, null));
  private final Channel channel =
      w.channelServices.create(
          new CreateChannelCommand(
              alice.id(), server.id(), "general", ChannelKind.TEXT, null, null, null));

  // Node B: its own connections and delivery; the world's publisher never reaches it.
  private final FakeConnectionRegistry registryB = new FakeConnectionRegistry();
  private final DeliveredChanges deliveredB = new DeliveredChanges();
  private final EventDeliveryService deliveryB =
      new EventDeliveryService(registryB, w.memberships, deliveredB);
  private final GapRepairService repairB =
      new GapRepairService(
          w.changeLog, w.channels, w.messages, w.users, w.attachments, deliveredB, deliveryB);
  private final RecordingConnection bobOnB =
      new RecordingConnection(bob.id(), ConnectionScope.EVERYTHING);

  GapRepairServiceTest() {
    w.memberServices.add(new AddMemberCommand(alice.id(), server.id(), bob.id(), null, null));
    registryB.register(bobOnB);
    registryB.subscribe(bobOnB, Topic.server(server.id()));
  }

  private PostedMessage post(String text) {
    return w.send.send(SendMessageCommand.of(alice.id(), channel.id(), null, text, null)).posted();
  }

  /** What the fan-out would have brought node B: the world's last published event. */
  private void fanOutLastToB() {
    deliveryB.deliver(w.published.get(w.published.size() - 1));
  }

  private static List<Long> positions(List<ChatEvent> events) {
    return events.stream()
        .filter(e -> e instanceof ChannelChange)
        .map(e -> ((ChannelChange) e).pos())
        .toList();
  }

  @Test
  void deliversWhatTheNodeMissedOnceAndInOrderAndNothingItHad() {
    PostedMessage first = post("before the outage");
    fanOutLastToB();
    // The outage: node B hears nothing of these.
    PostedMessage second = post("during");
    w.actions.edit(
        new EditMessageCommand(alice.id(), first.message().id(), new MessageText("edited"), null));
    w.actions.react(
        new ReactCommand(alice.id(), second.message().id(), "👍", ReactCommand.Mode.ADD, null));
    // Back: the next event reaches B live before the repair runs.
    post("after");
    fanOutLastToB();

    int repaired = repairB.repairSince(w.clock.instant().minusSeconds(10));

    assertThat(repaired).isEqualTo(3);
    assertThat(positions(bobOnB.received)).containsExactly(1L, 5L, 2L, 3L, 4L);
    List<ChatEvent> live = w.published.stream().filter(e -> e instanceof ChannelChange).toList();
    assertThat(bobOnB.received.subList(2, 5)).isEqualTo(live.subList(1, 4));
    assertThat(repairB.repairSince(w.clock.instant().minusSeconds(10))).isZero();
    assertThat(bobOnB.received).hasSize(5);
  }

  @Test
  void aLiveEventThatArrivesTwiceIsDeliveredOnce() {
    post("once");
    fanOutLastToB();
    fanOutLastToB();

    assertThat(bobOnB.received).hasSize(1);
  }
}
