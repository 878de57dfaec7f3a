package dev.parley.application.port.in;

import dev.parley.domain.event.ChatEvent;
import java.util.List;
import java.util.Map;

/**
 * Catches a reconnecting client up: for each channel it names with what it last saw, every change
 * after it (new messages, edits, deletes, reactions) from the channel's change log, in order; or,
 * when the gap is too large or the cursor is not one of the channel's, a resync instruction to page
 * history instead. Never a partial replay of a channel.
 */
public interface ResumeUseCase {

  /** Default of the most changes replayed for one channel before a resync instead. */
  int MAX_PER_CHANNEL = 500;

  /** Default of the most changes replayed in all before the rest are told to resync. */
  int MAX_TOTAL = 5000;

  /** Most channels a client may name in one resume. */
  int MAX_CHANNELS = 1000;

  /**
   * What a client last saw of a channel: the highest {@code seq}, and, when it tracks them, the
   * highest change position {@code pos}. With {@code pos} the replay is exact; with {@code seq}
   * alone it starts at that message's creation and may repeat changes seen after it.
   */
  record Cursor(long seq, Long pos) {
    public static Cursor ofSeq(long seq) {
      return new Cursor(seq, null);
    }
  }

  /**
   * What a channel missed: every change, oldest first, up to {@code lastSeq} and {@code lastPos}.
   */
  record Replay(
      long channelId, Long serverId, List<ChatEvent> events, long lastSeq, long lastPos) {}

  /** Why a channel is not replayed. */
  enum ResyncReason {
    /** More changes than a replay carries: page history from {@code fromSeq}. */
    GAP_TOO_LARGE,
    /** The cursor is beyond the channel's last seq or position: reload the channel. */
    CURSOR_AHEAD
  }

  /** A channel the client must page instead: {@code after_seq=fromSeq} (0 to reload it whole). */
  record Resync(
      long channelId,
      Long serverId,
      long fromSeq,
      long lastSeq,
      long fromPos,
      long lastPos,
      ResyncReason reason) {}

  /** The plan for the client; {@code unknown} lists channels it may not (or no longer) see. */
  record Result(List<Replay> replays, List<Resync> resyncs, List<Long> unknown) {}

  Result resume(long userId, Map<Long, Cursor> cursors);
}
