package dev.parley.application.fakes;

import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.HistoryPageReader;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.MessageRepository.Page;
import dev.parley.application.port.out.ReactionRepository;
import dev.parley.application.port.out.ThreadRepository;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.message.Attachment;
import dev.parley.domain.message.Message;
import dev.parley.domain.user.User;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@link HistoryPageReader} over the in-memory repositories, asking each in turn. */
public class InMemoryHistoryPageReader implements HistoryPageReader {
  private final MessageRepository messages;
  private final UserRepository users;
  private final AttachmentRepository attachments;
  private final ReactionRepository reactions;
  private final ThreadRepository threads;

  public InMemoryHistoryPageReader(
      MessageRepository messages,
      UserRepository users,
      AttachmentRepository attachments,
      ReactionRepository reactions,
      ThreadRepository threads) {
    this.threads = threads;
    this.messages = messages;
    this.users = users;
    this.attachments = attachments;
    this.reactions = reactions;
  }

  @Override
  public LoadedPage read(long channelId, Page page) {
    List<Message> found = messages.page(channelId, page);
    List<Long> ids = found.stream().map(Message::id).toList();
    List<User> authors =
        users.findAllById(found.stream().map(Message::authorId).distinct().toList());
    return new LoadedPage(
        found,
        authors.stream().collect(Collectors.toMap(User::id, u -> u.username().value())),
        attachments
            .findByMessageIds(found.stream().filter(m -> !m.isDeleted()).map(Message::id).toList())
            .stream()
            .collect(Collectors.groupingBy(Attachment::messageId)),
        ids.isEmpty() ? Map.of() : reactions.forMessages(ids),
        authors.stream().filter(User::bot).map(User::id).collect(Collectors.toSet()),
        threads.ofMessages(ids));
  }
}
