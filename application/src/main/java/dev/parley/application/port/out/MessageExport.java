package dev.parley.application.port.out;

import dev.parley.domain.message.PostedMessage;
import java.util.List;

/**
 * Reads messages for an export one keyset page at a time, so no export holds more than a page. Each
 * message comes with its author's name, its server and, unless deleted, its files.
 */
public interface MessageExport {

  /** Up to {@code limit} messages written by {@code authorId} with ids above {@code afterId}. */
  List<PostedMessage> byAuthor(long authorId, long afterId, int limit);

  /** Up to {@code limit} messages of a channel with sequence numbers above {@code afterSeq}. */
  List<PostedMessage> inChannel(long channelId, long afterSeq, int limit);
}
