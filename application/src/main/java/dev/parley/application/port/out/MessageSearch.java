package dev.parley.application.port.out;

import dev.parley.domain.message.Message;
import java.util.Collection;
import java.util.List;

/**
 * Finds messages by their words. It knows nothing of access: the caller names the channels to look
 * in, and only those are searched.
 */
public interface MessageSearch {

  /**
   * Every word of {@code text} (whole words, any case), in one of {@code channelIds}, by {@code
   * authorId} and with an id below {@code beforeId} when those are given. An implementation may
   * accept more syntax than plain words; plain words mean the same everywhere.
   */
  record Criteria(
      String text, Collection<Long> channelIds, Long authorId, Long beforeId, int limit) {}

  /** The matching messages that are not deleted, highest id (newest) first, at most limit. */
  List<Message> search(Criteria criteria);
}
