package dev.parley.application.port.in;

import dev.parley.domain.message.PostedMessage;
import java.util.List;
import java.util.Map;

/**
 * Catches a reconnecting client up: for each channel it names with the last {@code seq} it saw, the
 * messages after it, in order; or, when the gap is too large, a resync instruction to page history
 * instead. Never a partial replay of a channel.
 */
public interface ResumeUseCase {

  /** Default of the most messages replayed for one channel before a resync instead. */
  int MAX_PER_CHANNEL = 500;

  /** Default of the most messages replayed in all before the rest are told to resync. */
  int MAX_TOTAL = 5000;

  /** Most channels a client may name in one resume. */
  int MAX_CHANNELS = 1000;

  /** What a channel missed: all of it, oldest first, up to {@code lastSeq}. */
  record Replay(long channelId, Long serverId, List<PostedMessage> messages, long lastSeq) {}

  /** A channel whose gap is too large: page its history with {@code after_seq=fromSeq}. */
  record Resync(long channelId, Long serverId, long fromSeq, long lastSeq) {}

  /** The plan for the client; {@code unknown} lists channels it may not (or no longer) see. */
  record Result(List<Replay> replays, List<Resync> resyncs, List<Long> unknown) {}

  Result resume(long userId, Map<Long, Long> lastSeqByChannel);
}
