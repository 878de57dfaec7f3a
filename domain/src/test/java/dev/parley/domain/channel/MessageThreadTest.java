package dev.parley.domain.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.domain.error.InvalidInput;
import org.junit.jupiter.api.Test;

/** How a new thread is named: as asked, else after its parent message's first line. */
class MessageThreadTest {

  @Test
  void anAskedNameIsCheckedLikeAChannelsName() {
    assertThat(MessageThread.nameFor("  Plans ", "ignored")).isEqualTo("Plans");
    assertThatThrownBy(() -> MessageThread.nameFor("n".repeat(101), "x"))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("100");
  }

  @Test
  void withoutOneTheParentsFirstLineNamesIt() {
    assertThat(MessageThread.nameFor(null, "  Lunch?\nsecond line")).isEqualTo("Lunch?");
    assertThat(MessageThread.nameFor("", "tab\there")).isEqualTo("tabhere");
    assertThat(MessageThread.nameFor(null, "")).isEqualTo("Thread");
    assertThat(MessageThread.nameFor(null, null)).isEqualTo("Thread");
  }

  @Test
  void aLongFirstLineIsCutWithoutSplittingAnEmoji() {
    String line = "🎉".repeat(50);
    String name = MessageThread.nameFor(null, line);
    assertThat(name).isEqualTo("🎉".repeat(39) + "…");
    assertThat(MessageThread.nameFor(null, "a".repeat(40))).isEqualTo("a".repeat(40));
  }
}
