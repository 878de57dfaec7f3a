package dev.parley.application.port.in;

import dev.parley.domain.message.Emoji;

/** Input of {@link ReactUseCase}. */
public record ReactCommand(
    long userId, long messageId, String emoji, Mode mode, Long expectedChannelId) {

  /** Whether to add, remove, or flip the caller's reaction. */
  public enum Mode {
    ADD,
    REMOVE,
    TOGGLE
  }

  /** A reaction to a message wherever it is (the caller names no channel). */
  public static ReactCommand of(long userId, long messageId, String emoji, Mode mode) {
    return new ReactCommand(userId, messageId, emoji, mode, null);
  }

  /** A reaction through a surface scoped to one channel, which must be the message's. */
  public static ReactCommand inChannel(
      long userId, long messageId, String emoji, Mode mode, long channelId) {
    return new ReactCommand(userId, messageId, emoji, mode, channelId);
  }

  public ReactCommand {
    if (mode == null) {
      mode = Mode.TOGGLE;
    }
    // A reaction stored before emoji were validated can still be taken back, never added.
    emoji = mode == Mode.REMOVE ? Emoji.removable(emoji) : Emoji.valid(emoji);
  }
}
