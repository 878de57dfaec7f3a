package dev.parley.domain.message;

import dev.parley.domain.error.InvalidInput;
import java.util.regex.Pattern;

/**
 * A reaction: one Unicode emoji (a single emoji as a reader sees it, including ZWJ sequences, skin
 * tones, flags, tag flags and keycaps) or a custom {@code :name:} of 2–30 ASCII letters, digits and
 * underscores; at most 32 characters either way (the stored column's width). Plain text, markup,
 * spaces and control characters are refused, so a reaction cannot carry a message.
 *
 * <p>Java 17 has no emoji properties and its {@link java.text.BreakIterator} predates emoji
 * grapheme rules, so this walks the emoji grammar of UTS #51 over code point ranges that hold
 * emoji: a generous approximation that admits every standard emoji and no letters, digits or
 * punctuation on their own.
 */
public final class Emoji {
  public static final int MAX = 32;

  /** Most parts a ZWJ sequence may join: the longest standard ones (families, kisses) have 4. */
  static final int MAX_ZWJ_PARTS = 8;

  private static final Pattern CUSTOM = Pattern.compile(":[A-Za-z0-9_]{2,30}:");

  private static final int ZWJ = 0x200D;
  private static final int VS15 = 0xFE0E;
  private static final int VS16 = 0xFE0F;
  private static final int KEYCAP = 0x20E3;
  private static final int BLACK_FLAG = 0x1F3F4;
  private static final int CANCEL_TAG = 0xE007F;

  private Emoji() {}

  public static String valid(String emoji) {
    if (emoji == null || emoji.isBlank()) {
      throw new InvalidInput("emoji", "emoji is required");
    }
    if (emoji.length() > MAX || !(CUSTOM.matcher(emoji).matches() || isSingleEmoji(emoji))) {
      throw new InvalidInput(
          "emoji",
          "emoji must be a single emoji or a custom :name: of 2 to 30 letters, digits or"
              + " underscores");
    }
    return emoji;
  }

  /**
   * What a removal may name: also the 1–32 characters without spaces or controls that were taken as
   * reactions before emoji were validated, so those can still be taken back.
   */
  public static String removable(String emoji) {
    if (emoji == null
        || emoji.isBlank()
        || emoji.length() > MAX
        || emoji
            .codePoints()
            .anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw new InvalidInput("emoji", "emoji must be 1 to " + MAX + " characters without spaces");
    }
    return emoji;
  }

  /** Whether the text is exactly one emoji, by the grammar of UTS #51 (ED-14 to ED-17). */
  static boolean isSingleEmoji(String text) {
    int[] cps = text.codePoints().toArray();
    if (cps.length == 0) {
      return false;
    }
    if (isKeycap(cps) || isFlag(cps) || isTagSequence(cps)) {
      return true;
    }
    // A ZWJ sequence of one or more elements: pictograph, optional presentation selector, optional
    // skin tone (or the tone first, then the selector, as some keyboards send).
    int i = 0;
    int parts = 0;
    while (true) {
      if (i >= cps.length || !isPictographic(cps[i])) {
        return false;
      }
      i++;
      if (i < cps.length && (cps[i] == VS16 || cps[i] == VS15)) {
        i++;
      }
      if (i < cps.length && isSkinTone(cps[i])) {
        i++;
        if (i < cps.length && cps[i] == VS16) {
          i++;
        }
      }
      if (++parts > MAX_ZWJ_PARTS) {
        return false;
      }
      if (i == cps.length) {
        return true;
      }
      if (cps[i] != ZWJ) {
        return false;
      }
      i++;
    }
  }

  /** {@code [0-9#*] FE0F? 20E3}: the keycaps 0️⃣ to 9️⃣, #️⃣ and *️⃣. */
  private static boolean isKeycap(int[] cps) {
    boolean base =
        cps.length > 0 && ((cps[0] >= '0' && cps[0] <= '9') || cps[0] == '#' || cps[0] == '*');
    return base
        && ((cps.length == 2 && cps[1] == KEYCAP)
            || (cps.length == 3 && cps[1] == VS16 && cps[2] == KEYCAP));
  }

  /** Two regional indicator letters: a country flag. */
  private static boolean isFlag(int[] cps) {
    return cps.length == 2 && isRegionalIndicator(cps[0]) && isRegionalIndicator(cps[1]);
  }

  /** 🏴 followed by tag letters and a cancel tag: the subdivision flags (England, Scotland). */
  private static boolean isTagSequence(int[] cps) {
    if (cps.length < 3 || cps[0] != BLACK_FLAG || cps[cps.length - 1] != CANCEL_TAG) {
      return false;
    }
    for (int k = 1; k < cps.length - 1; k++) {
      if (cps[k] < 0xE0020 || cps[k] > 0xE007E) {
        return false;
      }
    }
    return true;
  }

  private static boolean isRegionalIndicator(int c) {
    return c >= 0x1F1E6 && c <= 0x1F1FF;
  }

  private static boolean isSkinTone(int c) {
    return c >= 0x1F3FB && c <= 0x1F3FF;
  }

  /**
   * Code points that are emoji on their own (with or without a presentation selector): the
   * pictographic blocks of the supplementary plane and the symbols of the BMP that Unicode marks as
   * emoji. Regional indicators, tags and selectors only count inside their sequences.
   */
  static boolean isPictographic(int c) {
    if (c >= 0x1F000) {
      return (c <= 0x1F0FF && c != 0x1F02C && c != 0x1F02D) // mahjong, dominoes, cards
          || (c >= 0x1F100 && c <= 0x1F1E5) // enclosed alphanumerics (🅰, 🆗)
          || (c >= 0x1F200 && c <= 0x1F64F) // enclosed ideographs, pictographs, emoticons
          || (c >= 0x1F680 && c <= 0x1F6FF) // transport and map
          || (c >= 0x1F7E0 && c <= 0x1F7FF) // coloured circles and squares
          || (c >= 0x1F900 && c <= 0x1FAFF); // supplemental pictographs, extended-A
    }
    return c == 0x00A9
        || c == 0x00AE
        || c == 0x203C
        || c == 0x2049
        || c == 0x2122
        || c == 0x2139
        || (c >= 0x2194 && c <= 0x2199)
        || c == 0x21A9
        || c == 0x21AA
        || c == 0x231A
        || c == 0x231B
        || c == 0x2328
        || c == 0x23CF
        || (c >= 0x23E9 && c <= 0x23F3)
        || (c >= 0x23F8 && c <= 0x23FA)
        || c == 0x24C2
        || c == 0x25AA
        || c == 0x25AB
        || c == 0x25B6
        || c == 0x25C0
        || (c >= 0x25FB && c <= 0x25FE)
        || (c >= 0x2600 && c <= 0x27BF) // miscellaneous symbols, dingbats
        || c == 0x2934
        || c == 0x2935
        || (c >= 0x2B05 && c <= 0x2B07)
        || c == 0x2B1B
        || c == 0x2B1C
        || c == 0x2B50
        || c == 0x2B55
        || c == 0x3030
        || c == 0x303D
        || c == 0x3297
        || c == 0x3299;
  }
}
