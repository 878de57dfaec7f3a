package dev.parley.application.service;

import dev.parley.application.port.in.ReadHistoryQuery;
import dev.parley.application.port.in.ReadHistoryUseCase;
import dev.parley.application.port.out.HistoryPageReader;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.MessageRepository.Page;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.message.ReactionCount;
import java.util.List;
import java.util.Map;

/**
 * Reads history pages by offset or by cursor (message id or seq), always oldest first, each message
 * with its attachments.
 */
public final class ReadHistoryService implements ReadHistoryUseCase {
  private final AccessGuard guard;
  private final MessageRepository messages;
  private final HistoryPageReader pages;

  public ReadHistoryService(
      AccessGuard guard, MessageRepository messages, HistoryPageReader pages) {
    this.guard = guard;
    this.messages = messages;
    this.pages = pages;
  }

  @Override
  public List<Entry> readWithReactions(ReadHistoryQuery query) {
    LoadedPage loaded = load(query);
    return posted(loaded).stream()
        .map(
            p ->
                new Entry(
                    p,
                    loaded.reactions().getOrDefault(p.message().id(), List.of()),
                    loaded.page().threads().get(p.message().id())))
        .toList();
  }

  @Override
  public List<PostedMessage> read(ReadHistoryQuery query) {
    return posted(load(query));
  }

  private LoadedPage load(ReadHistoryQuery query) {
    Channel channel =
        guard.requireChannel(query.userId(), query.channelId(), query.expected()).channel();
    return new LoadedPage(channel, pages.read(channel.id(), toPage(query, channel)));
  }

  /** A page read for a channel the caller may see. */
  private record LoadedPage(Channel channel, HistoryPageReader.LoadedPage page) {
    Map<Long, List<ReactionCount>> reactions() {
      return page.reactions();
    }
  }

  private static List<PostedMessage> posted(LoadedPage loaded) {
    HistoryPageReader.LoadedPage page = loaded.page();
    return page.messages().stream()
        .map(
            m ->
                new PostedMessage(
                    m,
                    page.authorNames().getOrDefault(m.authorId(), "user-" + m.authorId()),
                    loaded.channel().serverId(),
                    page.attachments().getOrDefault(m.id(), List.of()),
                    page.botAuthors().contains(m.authorId())))
        .toList();
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
