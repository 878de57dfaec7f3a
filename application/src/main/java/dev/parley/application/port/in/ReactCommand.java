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
    emoji = Emoji.valid(emoji);
    if (mode == null) {
      mode = Mode.TOGGLE;
    }
  }
}
