package dev.parley.application.service;

import dev.parley.application.port.in.ResumeUseCase;
import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.ChannelChangeLog;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.event.ChatEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Replays what a client missed per channel from the change log, which is the source of truth. */
public final class ResumeService implements ResumeUseCase {
  private final AccessGuard guard;
  private final ChannelChangeLog changes;
  private final ChangeReplay replay;
  private final int maxPerChannel;
  private final int maxTotal;

  public ResumeService(
      AccessGuard guard,
      ChannelChangeLog changes,
      MessageRepository messages,
      UserRepository users,
      AttachmentRepository attachments) {
    this(guard, changes, messages, users, attachments, MAX_PER_CHANNEL, MAX_TOTAL);
  }

  /** With explicit replay bounds: per channel, and in all. */
  public ResumeService(
      AccessGuard guard,
      ChannelChangeLog changes,
      MessageRepository messages,
      UserRepository users,
      AttachmentRepository attachments,
      int maxPerChannel,
      int maxTotal) {
    this.guard = guard;
    this.changes = changes;
    this.replay = new ChangeReplay(changes, messages, users, attachments);
    this.maxPerChannel = maxPerChannel;
    this.maxTotal = maxTotal;
  }

  @Override
  public Result resume(long userId, Map<Long, Cursor> cursors) {
    if (cursors.size() > MAX_CHANNELS) {
      throw new InvalidInput("channels", "a resume names at most " + MAX_CHANNELS + " channels");
    }
    List<Replay> replays = new ArrayList<>();
    List<Resync> resyncs = new ArrayList<>();
    List<Long> unknown = new ArrayList<>();
    int budget = maxTotal;
    // Channel ids in ascending order, so the result does not depend on map order.
    for (Map.Entry<Long, Cursor> entry : new TreeMap<>(cursors).entrySet()) {
      long channelId = entry.getKey();
      Cursor cursor = entry.getValue() == null ? Cursor.ofSeq(0) : entry.getValue();
      if (cursor.seq() < 0 || (cursor.pos() != null && cursor.pos() < 0)) {
        throw new InvalidInput("channels", "a last seen seq or pos must not be negative");
      }
      Channel channel;
      try {
        channel =
            guard
                .requireChannelAtCurrentPosition(userId, channelId, ChannelExpectation.ANY)
                .channel();
      } catch (NotFound invisible) {
        unknown.add(channelId);
        continue;
      }
      if (cursor.seq() > channel.lastSeq()
          || (cursor.pos() != null && cursor.pos() > channel.lastPos())) {
        // Not a state this channel was ever in (e.g. a restored database): reload it whole.
        resyncs.add(resync(channel, 0, 0, ResyncReason.CURSOR_AHEAD));
        continue;
      }
      long fromPos =
          cursor.pos() != null ? cursor.pos() : changes.positionOfSeq(channelId, cursor.seq());
      long missed = channel.lastPos() - fromPos;
      if (missed > maxPerChannel || missed > budget) {
        resyncs.add(resync(channel, cursor.seq(), fromPos, ResyncReason.GAP_TOO_LARGE));
        continue;
      }
      // Bounded by the channel's position as read: later changes arrive live, held until now.
      List<ChatEvent> events =
          missed == 0 ? List.of() : replay.after(channel, fromPos, (int) missed);
      budget -= (int) missed;
      replays.add(
          new Replay(channelId, channel.serverId(), events, channel.lastSeq(), channel.lastPos()));
    }
    return new Result(replays, resyncs, unknown);
  }

  private static Resync resync(Channel channel, long fromSeq, long fromPos, ResyncReason reason) {
    return new Resync(
        channel.id(),
        channel.serverId(),
        fromSeq,
        channel.lastSeq(),
        fromPos,
        channel.lastPos(),
        reason);
  }
}
