package dev.parley.application.port.in;

import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.error.InvalidInput;

/**
 * Input of {@link ReadHistoryUseCase}: at most one of {@code offset} (from the newest end), {@code
 * beforeId}, {@code afterId} (message ids) or {@code afterSeq}; pages are oldest first.
 */
public record ReadHistoryQuery(
    long userId,
    long channelId,
    ChannelExpectation expected,
    int limit,
    Integer offset,
    Long beforeId,
    Long afterId,
    Long afterSeq) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 100;

  public ReadHistoryQuery {
    expected = expected == null ? ChannelExpectation.ANY : expected;
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInput("limit", "limit must be between 1 and " + MAX_LIMIT);
    }
    if (offset != null && offset < 0) {
      throw new InvalidInput("offset", "offset must not be negative");
    }
    if (afterSeq != null && afterSeq < 0) {
      throw new InvalidInput("after_seq", "after_seq must not be negative");
    }
    int cursors =
        (offset != null && offset > 0 ? 1 : 0)
            + (beforeId != null ? 1 : 0)
            + (afterId != null ? 1 : 0)
            + (afterSeq != null ? 1 : 0);
    if (cursors > 1) {
      throw new InvalidInput("before", "use only one of offset, before, after and after_seq");
    }
  }

  /**
   * Where a page starts, as a route's query parameters name it: at most one of {@code offset} (from
   * the newest end), {@code beforeId}, {@code afterId} or {@code afterSeq}; none for the newest.
   */
  public record Cursor(Integer offset, Long beforeId, Long afterId, Long afterSeq) {
    public static final Cursor NEWEST = new Cursor(null, null, null, null);

    public static Cursor before(Long beforeId) {
      return new Cursor(null, beforeId, null, null);
    }
  }

  /** A page of at most {@code limit} messages (the default when null) from {@code cursor}. */
  public static ReadHistoryQuery page(
      long userId, long channelId, ChannelExpectation expected, Integer limit, Cursor cursor) {
    return new ReadHistoryQuery(
        userId,
        channelId,
        expected,
        limit == null ? DEFAULT_LIMIT : limit,
        cursor.offset(),
        cursor.beforeId(),
        cursor.afterId(),
        cursor.afterSeq());
  }

  /** The newest {@code limit} messages. */
  public static ReadHistoryQuery newest(long userId, long channelId, int limit) {
    return new ReadHistoryQuery(
        userId, channelId, ChannelExpectation.ANY, limit, null, null, null, null);
  }
}
