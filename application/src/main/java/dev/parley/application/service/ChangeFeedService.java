package dev.parley.application.service;

import dev.parley.application.port.in.ReadChangesUseCase;
import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.ChannelChangeLog;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.event.ChatEvent;
import java.util.List;

/** Pages a channel's change log for REST catch-up, by the same visibility rule as history. */
public final class ChangeFeedService implements ReadChangesUseCase {
  private final AccessGuard guard;
  private final ChangeReplay replay;

  public ChangeFeedService(
      AccessGuard guard,
      ChannelChangeLog changes,
      MessageRepository messages,
      UserRepository users,
      AttachmentRepository attachments) {
    this.guard = guard;
    this.replay = new ChangeReplay(changes, messages, users, attachments);
  }

  @Override
  public Changes changes(ChangesQuery query) {
    Channel channel =
        guard
            .requireChannelAtCurrentPosition(query.userId(), query.channelId(), query.expected())
            .channel();
    // Bounded by the channel's position as read, so a page never skips a change committed
    // meanwhile: the next page starts after the last one returned.
    long available = Math.max(0, channel.lastPos() - query.afterPos());
    int limit = (int) Math.min(query.limit(), available);
    List<ChatEvent> events =
        limit == 0 ? List.of() : replay.after(channel, query.afterPos(), limit);
    long lastPos =
        limit == 0 ? Math.min(query.afterPos(), channel.lastPos()) : query.afterPos() + limit;
    return new Changes(events, lastPos, channel.lastSeq(), lastPos < channel.lastPos());
  }
}
