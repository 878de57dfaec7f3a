package dev.parley.application.service;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tells what a file is from its leading bytes (magic numbers), so an upload's declared type can be
 * checked against its content: the declaration is the client's word, the bytes are what a reader
 * gets. Only the formats Parley accepts are recognised; markup (HTML, SVG, XML) is recognised so it
 * can be refused under any name.
 */
final class ContentSniffer {
  /** How many leading bytes are looked at. */
  static final int HEAD_BYTES = 4096;

  /** What the bytes look like: a media type, markup, or nothing known. */
  enum Kind {
    TYPE,
    MARKUP,
    UNKNOWN
  }

  /** The verdict; {@code type} is set for {@link Kind#TYPE}. */
  record Sniffed(Kind kind, String type) {
    static final Sniffed MARKUP = new Sniffed(Kind.MARKUP, null);
    static final Sniffed UNKNOWN = new Sniffed(Kind.UNKNOWN, null);

    static Sniffed of(String type) {
      return new Sniffed(Kind.TYPE, type);
    }
  }

  /**
   * Text that a browser (or an XML reader) would take for markup: a tag, doctype, comment or
   * processing instruction at the start, or one of the active tags anywhere in the head.
   */
  private static final Pattern MARKUP_START =
      Pattern.compile("^\\s*<(?:[!?]|[a-zA-Z][a-zA-Z0-9-]*[\\s/>])");

  private static final Pattern ACTIVE_TAG =
      Pattern.compile(
          "<\\s*/?\\s*(?:script|html|svg|iframe|object|embed|body|head|meta|!doctype|\\?xml)\\b",
          Pattern.CASE_INSENSITIVE);

  private ContentSniffer() {}

  static Sniffed sniff(byte[] head) {
    return binary(head).map(Sniffed::of).orElseGet(() -> text(head));
  }

  private static Optional<String> binary(byte[] b) {
    if (starts(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of("image/png");
    }
    if (starts(b, 0, 0xFF, 0xD8, 0xFF)) {
      return Optional.of("image/jpeg");
    }
    if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) {
      return Optional.of("image/gif");
    }
    if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
      return Optional.of("image/webp");
    }
    if (ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")) {
      return Optional.of("audio/wav");
    }
    if (ascii(b, 0, "%PDF-")) {
      return Optional.of("application/pdf");
    }
    if (starts(b, 0, 'P', 'K', 3, 4) || starts(b, 0, 'P', 'K', 5, 6)) {
      return Optional.of("application/zip");
    }
    if (ascii(b, 4, "ftyp")) {
      String brand = b.length >= 12 ? new String(b, 8, 4, StandardCharsets.ISO_8859_1) : "";
      if (brand.equals("qt  ")) {
        return Optional.of("video/quicktime");
      }
      return Optional.of(
          brand.startsWith("M4A") || brand.startsWith("M4B") ? "audio/mp4" : "video/mp4");
    }
    if (ascii(b, 4, "moov") || ascii(b, 4, "mdat") || ascii(b, 4, "wide")) {
      return Optional.of("video/quicktime");
    }
    if (ascii(b, 0, "OggS")) {
      return Optional.of(contains(b, "theora") ? "video/ogg" : "audio/ogg");
    }
    if (starts(b, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
      return Optional.of("video/webm");
    }
    if (ascii(b, 0, "ID3")) {
      return Optional.of("audio/mpeg");
    }
    // An MPEG audio frame: 11 sync bits, then a layer that is not "reserved".
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0 && (b[1] & 0x06) != 0) {
      return Optional.of("audio/mpeg");
    }
    return Optional.empty();
  }

  /**
   * Valid UTF-8 (a BOM allowed) without NUL or other control characters that text does not use is
   * text, unless it reads as markup.
   */
  private static Sniffed text(byte[] head) {
    int length = head.length;
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(head, 0, length - cutCharacter(head)))
              .toString();
    } catch (CharacterCodingException e) {
      return Sniffed.UNKNOWN;
    }
    if (text.chars().anyMatch(ContentSniffer::binaryControl)) {
      return Sniffed.UNKNOWN;
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (MARKUP_START.matcher(text).find() || ACTIVE_TAG.matcher(text).find()) {
      return Sniffed.MARKUP;
    }
    return Sniffed.of("text/plain");
  }

  /**
   * How many bytes at the end of a full head belong to a character the head cut in two; they are
   * not judged, since the rest of the character lies beyond what was read.
   */
  private static int cutCharacter(byte[] head) {
    if (head.length < HEAD_BYTES) {
      return 0;
    }
    for (int back = 1; back <= 3 && back <= head.length; back++) {
      int b = head[head.length - back] & 0xFF;
      if ((b & 0xC0) == 0xC0) {
        int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
        return needed > back ? back : 0;
      }
      if ((b & 0xC0) != 0x80) {
        return 0;
      }
    }
    return 0;
  }

  /** C0 controls other than tab, line feed, form feed, carriage return and escape. */
  private static boolean binaryControl(int c) {
    return c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r' && c != 0x1B;
  }

  private static boolean starts(byte[] b, int at, int... expected) {
    if (b.length < at + expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if ((b[at + i] & 0xFF) != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean ascii(byte[] b, int at, String expected) {
    return starts(b, at, expected.chars().toArray());
  }

  private static boolean contains(byte[] b, String needle) {
    return new String(b, StandardCharsets.ISO_8859_1).contains(needle.toLowerCase(Locale.ROOT));
  }
}
