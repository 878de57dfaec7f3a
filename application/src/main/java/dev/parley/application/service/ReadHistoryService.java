package dev.parley.application.service;

import dev.parley.application.port.in.ReadHistoryQuery;
import dev.parley.application.port.in.ReadHistoryUseCase;
import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.MessageRepository.Page;
import dev.parley.application.port.out.ReactionRepository;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.message.ReactionCount;
import dev.parley.domain.user.User;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads history pages by offset or by cursor (message id or seq), always oldest first, each message
 * with its attachments.
 */
public final class ReadHistoryService implements ReadHistoryUseCase {
  private final AccessGuard guard;
  private final MessageRepository messages;
  private final UserRepository users;
  private final ReactionRepository reactions;
  private final AttachmentRepository attachments;

  public ReadHistoryService(
      AccessGuard guard,
      MessageRepository messages,
      UserRepository users,
      ReactionRepository reactions,
      AttachmentRepository attachments) {
    this.guard = guard;
    this.messages = messages;
    this.users = users;
    this.reactions = reactions;
    this.attachments = attachments;
  }

  @Override
  public List<Entry> readWithReactions(ReadHistoryQuery query) {
    List<PostedMessage> page = read(query);
    Map<Long, List<ReactionCount>> counts =
        reactions.forMessages(page.stream().map(p -> p.message().id()).toList());
    return page.stream()
        .map(p -> new Entry(p, counts.getOrDefault(p.message().id(), List.of())))
        .toList();
  }

  @Override
  public List<PostedMessage> read(ReadHistoryQuery query) {
    Channel channel =
        guard.requireChannel(query.userId(), query.channelId(), query.expectedServerId()).channel();
    List<Message> page = messages.page(channel.id(), toPage(query, channel));
    Map<Long, String> names =
        users.findAllById(page.stream().map(Message::authorId).distinct().toList()).stream()
            .collect(Collectors.toMap(User::id, u -> u.username().value(), (a, b) -> a));
    Function<Message, String> nameOf =
        m -> names.getOrDefault(m.authorId(), "user-" + m.authorId());
    return MessageAttachments.fill(
        attachments,
        page.stream().map(m -> PostedMessage.of(m, nameOf.apply(m), channel)).toList());
  }

  private Page toPage(ReadHistoryQuery query, Channel channel) {
    if (query.beforeId() != null) {
      return new Page.BeforeSeq(query.limit(), seqOf(query.beforeId(), channel, "before"));
    }
    if (query.afterId() != null) {
      return new Page.AfterSeq(query.limit(), seqOf(query.afterId(), channel, "after"));
    }
    if (query.afterSeq() != null) {
      return new Page.AfterSeq(query.limit(), query.afterSeq());
    }
    return new Page.Newest(query.limit(), query.offset() == null ? 0 : query.offset());
  }

  private long seqOf(long messageId, Channel channel, String field) {
    return messages
        .findById(messageId)
        .filter(m -> m.channelId() == channel.id())
        .map(Message::seq)
        .orElseThrow(() -> new InvalidInput(field, field + " must be a message of this channel"));
  }
}
