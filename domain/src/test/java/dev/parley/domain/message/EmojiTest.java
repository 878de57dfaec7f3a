package dev.parley.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.domain.error.InvalidInput;
import org.junit.jupiter.api.Test;

class EmojiTest {

  @Test
  void acceptsSingleEmojiOfEveryShape() {
    String[] good = {
      "👍", // plain pictograph
      "❤", // BMP symbol, text presentation
      "❤️", // with the emoji presentation selector
      "👍🏽", // skin tone
      "👩‍💻", // ZWJ sequence
      "👨‍👩‍👧‍👦", // family: four parts
      "👩🏻‍❤️‍💋‍👨🏼", // kiss with tones: the longest standard kind
      "🏳️‍🌈", // flag ZWJ sequence
      "🇫🇷", // regional indicator pair
      "🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67\uDB40\uDC7F", // England
      "1️⃣", // keycap
      "#⃣", // keycap without selector
      "🅰️",
      "©️",
      "🟠",
      "🫠",
      "🏻" // a skin tone swatch on its own
    };
    for (String emoji : good) {
      assertThat(Emoji.valid(emoji)).as(emoji).isEqualTo(emoji);
    }
  }

  @Test
  void acceptsCustomNames() {
    assertThat(Emoji.valid(":tada:")).isEqualTo(":tada:");
    assertThat(Emoji.valid(":party_parrot_2:")).isEqualTo(":party_parrot_2:");
    assertThat(Emoji.valid(":ab:")).isEqualTo(":ab:");
    String longest = ":" + "a".repeat(30) + ":";
    assertThat(Emoji.valid(longest)).hasSize(Emoji.MAX);
  }

  @Test
  void refusesTextMarkupAndControlCharacters() {
    String[] bad = {
      null,
      "",
      " ",
      "abc",
      "+1",
      "1",
      "#",
      "<script>",
      "<b>",
      "a👍",
      "👍a",
      "👍👍", // two emoji
      "👍 ",
      " 👍",
      "👍\n",
      "\u0000",
      "\u200D", // a lone joiner
      "👍\u200D", // a dangling joiner
      "\u200D👍",
      "🇫", // half a flag
      "🇫🇷🇩🇪", // two flags
      "\u202E👍", // a bidi override
      "\uFE0F", // a lone selector
      "\uD83D", // a lone surrogate
      "::",
      ":a:", // custom name too short
      ":" + "a".repeat(31) + ":", // too long
      ":a b:",
      ":é_name:",
      ":name",
      "name:",
      ":na:me:",
      "%F0%9F%91%8D",
      "😀".repeat(Emoji.MAX_ZWJ_PARTS + 1)
    };
    for (String emoji : bad) {
      assertThatThrownBy(() -> Emoji.valid(emoji))
          .as(String.valueOf(emoji))
          .isInstanceOf(InvalidInput.class);
    }
  }

  @Test
  void reactionsStoredBeforeValidationCanBeRemoved() {
    assertThat(Emoji.removable("abc")).isEqualTo("abc");
    assertThat(Emoji.removable("👍")).isEqualTo("👍");
    for (String bad : new String[] {null, "", " ", "a b", "a\u0000", "x".repeat(Emoji.MAX + 1)}) {
      assertThatThrownBy(() -> Emoji.removable(bad))
          .as(String.valueOf(bad))
          .isInstanceOf(InvalidInput.class);
    }
  }

  @Test
  void refusesOverlongJoinedSequences() {
    String nine = String.join("\u200D", java.util.Collections.nCopies(9, "😀"));
    String eight = String.join("\u200D", java.util.Collections.nCopies(8, "😀"));
    assertThat(Emoji.isSingleEmoji(eight)).isTrue();
    assertThat(Emoji.isSingleEmoji(nine)).isFalse();
    assertThatThrownBy(() -> Emoji.valid(nine)).isInstanceOf(InvalidInput.class);
  }
}
