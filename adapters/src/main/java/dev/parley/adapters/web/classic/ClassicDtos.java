package dev.parley.adapters.web.classic;

import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** Wire shapes specific to the classic surface of seed 003. */
final class ClassicDtos {
  private ClassicDtos() {}

  /** Body of {@code POST /channels/{id}/messages}. */
  @Serdeable
  record SendRequest(String content, String nonce) {}

  /** A message's author; {@code bot} marks a bot account. */
  @Serdeable
  record Author(long id, String username, boolean bot) {}

  /**
   * A message as seed 003 shows it, on REST and inside the socket's {@code data}; {@code
   * webhook_id} names the incoming webhook that posted it (null otherwise).
   */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record MessageDto(
      long id,
      String content,
      Author user,
      String createdAt,
      long channelId,
      long seq,
      Long webhookId) {
    static MessageDto from(PostedMessage posted) {
      Message m = posted.message();
      return new MessageDto(
          m.id(),
          m.content(),
          new Author(m.authorId(), posted.authorName(), posted.authorBot()),
          m.createdAt().toString(),
          m.channelId(),
          m.seq(),
          posted.webhookId());
    }
  }

  /** The socket frame: {@code {"type":"message","data":{...}}}. */
  @Serdeable
  record MessageFrame(String type, MessageDto data) {}
}
