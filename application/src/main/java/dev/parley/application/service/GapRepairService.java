package dev.parley.application.service;

import dev.parley.application.port.in.DeliverEventUseCase;
import dev.parley.application.port.in.RepairGapsUseCase;
import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.ChannelChangeLog;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.realtime.DeliveredChanges;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.event.ChannelChange;
import dev.parley.domain.event.ChatEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fills the holes a fan-out outage left: every channel changed since the outage began is read from
 * the change log, and what this node has not delivered goes out through normal delivery, so the
 * visibility rule and each connection's filters apply as for live events.
 */
public final class GapRepairService implements RepairGapsUseCase {
  /** Most channels one repair looks at; beyond, clients catch up by resume. */
  static final int MAX_CHANNELS = 10_000;

  /** Most changes one channel replays; beyond, clients catch up by resume. */
  static final int MAX_PER_CHANNEL = 5_000;

  private final ChannelChangeLog changes;
  private final ChannelRepository channels;
  private final ChangeReplay replay;
  private final DeliveredChanges delivered;
  private final DeliverEventUseCase delivery;

  public GapRepairService(
      ChannelChangeLog changes,
      ChannelRepository channels,
      MessageRepository messages,
      UserRepository users,
      AttachmentRepository attachments,
      DeliveredChanges delivered,
      DeliverEventUseCase delivery) {
    this.changes = changes;
    this.channels = channels;
    this.replay = new ChangeReplay(changes, messages, users, attachments);
    this.delivered = delivered;
    this.delivery = delivery;
  }

  @Override
  public int repairSince(Instant since) {
    int repaired = 0;
    for (Map.Entry<Long, Long> changed : changes.changedSince(since, MAX_CHANNELS).entrySet()) {
      Optional<Channel> channel = channels.findById(changed.getKey());
      if (channel.isEmpty()) {
        continue;
      }
      long from = changed.getValue() - 1;
      List<ChatEvent> events =
          replay.events(
              channel.get(), changes.after(channel.get().id(), from, MAX_PER_CHANNEL), false);
      for (ChatEvent event : events) {
        ChannelChange change = (ChannelChange) event;
        if (!delivered.delivered(change.channelId(), change.pos())) {
          delivery.deliver(event); // marks it delivered
          repaired++;
        }
      }
    }
    return repaired;
  }
}
