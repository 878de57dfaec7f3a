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

  public ReactCommand {
    if (mode == null) {
      mode = Mode.TOGGLE;
    }
    // A reaction stored before emoji were validated can still be taken back, never added.
    emoji = mode == Mode.REMOVE ? Emoji.removable(emoji) : Emoji.valid(emoji);
  }
}
