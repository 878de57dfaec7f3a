package dev.parley.domain.message;

import dev.parley.domain.error.InvalidInput;

/**
 * The name an uploaded file is offered under: the last segment of what the client sent (browsers
 * and tools may send a whole path), trimmed, 1–255 characters. Control and format characters are
 * removed, not refused: a bidi override (U+202E) would otherwise show {@code invoice\u202Efdp.exe}
 * as "invoiceexe.pdf", and zero-width characters make two names look alike. It is only ever shown
 * and sent back, never used to build a path.
 */
public final class Filename {
  public static final int MAX = 255;

  private Filename() {}

  public static String valid(String filename) {
    if (filename == null || filename.isBlank()) {
      throw new InvalidInput("filename", "filename is required");
    }
    String visible = stripInvisible(filename);
    String name =
        visible.substring(Math.max(visible.lastIndexOf('/'), visible.lastIndexOf('\\')) + 1);
    name = name.strip();
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      throw new InvalidInput("filename", "filename must name a file");
    }
    if (name.length() > MAX) {
      throw new InvalidInput("filename", "filename must be at most " + MAX + " characters");
    }
    return name;
  }

  /**
   * A stored name as it may be shown: names stored before control and format characters were
   * removed on upload get the same treatment on the way out, and one with nothing else is "file".
   */
  public static String shown(String stored) {
    String name = stripInvisible(stored == null ? "" : stored).strip();
    return name.isEmpty() ? "file" : name;
  }

  /**
   * The text without control characters (Cc), format characters (Cf: bidi overrides, isolates and
   * marks such as U+202A–202E, U+2066–2069, U+200E/200F, U+061C, and zero-width ones), line and
   * paragraph separators and unpaired surrogates.
   */
  static String stripInvisible(String text) {
    StringBuilder kept = new StringBuilder(text.length());
    text.codePoints()
        .filter(
            c ->
                switch (Character.getType(c)) {
                  case Character.CONTROL,
                      Character.FORMAT,
                      Character.LINE_SEPARATOR,
                      Character.PARAGRAPH_SEPARATOR,
                      Character.SURROGATE ->
                      false;
                  default -> true;
                })
        .forEach(kept::appendCodePoint);
    return kept.toString();
  }
}
