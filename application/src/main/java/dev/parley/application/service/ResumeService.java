package dev.parley.application.service;

import dev.parley.application.port.in.ResumeUseCase;
import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.MessageRepository.Page;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.user.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Replays what a client missed per channel from the store, which is the source of truth. */
public final class ResumeService implements ResumeUseCase {
  private final AccessGuard guard;
  private final MessageRepository messages;
  private final UserRepository users;
  private final AttachmentRepository attachments;
  private final int maxPerChannel;
  private final int maxTotal;

  public ResumeService(
      AccessGuard guard,
      MessageRepository messages,
      UserRepository users,
      AttachmentRepository attachments) {
    this(guard, messages, users, attachments, MAX_PER_CHANNEL, MAX_TOTAL);
  }

  /** With explicit replay bounds: per channel, and in all. */
  public ResumeService(
      AccessGuard guard,
      MessageRepository messages,
      UserRepository users,
      AttachmentRepository attachments,
      int maxPerChannel,
      int maxTotal) {
    this.guard = guard;
    this.messages = messages;
    this.users = users;
    this.attachments = attachments;
    this.maxPerChannel = maxPerChannel;
    this.maxTotal = maxTotal;
  }

  @Override
  public Result resume(long userId, Map<Long, Long> lastSeqByChannel) {
    if (lastSeqByChannel.size() > MAX_CHANNELS) {
      throw new InvalidInput("channels", "a resume names at most " + MAX_CHANNELS + " channels");
    }
    List<Replay> replays = new ArrayList<>();
    List<Resync> resyncs = new ArrayList<>();
    List<Long> unknown = new ArrayList<>();
    int budget = maxTotal;
    // Channel ids in ascending order, so the result does not depend on map order.
    for (Map.Entry<Long, Long> entry : new TreeMap<>(lastSeqByChannel).entrySet()) {
      long channelId = entry.getKey();
      long seen = entry.getValue() == null ? 0 : entry.getValue();
      if (seen < 0) {
        throw new InvalidInput("channels", "a last seen seq must not be negative");
      }
      Channel channel;
      try {
        channel = guard.requireChannel(userId, channelId, null).channel();
      } catch (NotFound invisible) {
        unknown.add(channelId);
        continue;
      }
      long missed = Math.max(0, channel.lastSeq() - seen);
      if (missed > maxPerChannel || missed > budget) {
        resyncs.add(new Resync(channelId, channel.serverId(), seen, channel.lastSeq()));
        continue;
      }
      List<Message> page =
          missed == 0 ? List.of() : messages.page(channelId, new Page.AfterSeq((int) missed, seen));
      budget -= page.size();
      long last =
          page.isEmpty() ? Math.max(seen, channel.lastSeq()) : page.get(page.size() - 1).seq();
      replays.add(new Replay(channelId, channel.serverId(), authored(page, channel), last));
    }
    return new Result(replays, resyncs, unknown);
  }

  private List<PostedMessage> authored(List<Message> page, Channel channel) {
    if (page.isEmpty()) {
      return List.of();
    }
    Map<Long, String> names =
        users.findAllById(page.stream().map(Message::authorId).distinct().toList()).stream()
            .collect(Collectors.toMap(User::id, u -> u.username().value()));
    Function<Message, String> nameOf =
        m -> names.getOrDefault(m.authorId(), "user-" + m.authorId());
    return MessageAttachments.fill(
        attachments,
        page.stream().map(m -> PostedMessage.of(m, nameOf.apply(m), channel)).toList());
  }
}
