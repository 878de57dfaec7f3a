package dev.parley.adapters.web.support;

import java.nio.charset.StandardCharsets;

/**
 * Builds {@code Content-Disposition: attachment} for a user-chosen file name (RFC 6266): a plain
 * ASCII fallback in {@code filename} for old clients, the exact name percent-encoded in {@code
 * filename*}. Quotes, backslashes, control and non-ASCII characters never reach the header raw.
 */
public final class ContentDisposition {
  private static final String ATTR_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~";

  private ContentDisposition() {}

  public static String attachment(String filename) {
    return "attachment; filename=\""
        + asciiFallback(filename)
        + "\"; filename*=UTF-8''"
        + percentEncoded(filename);
  }

  static String asciiFallback(String filename) {
    StringBuilder out = new StringBuilder(filename.length());
    filename
        .codePoints()
        .forEach(
            c ->
                out.append(
                    c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
    return out.toString();
  }

  static String percentEncoded(String filename) {
    StringBuilder out = new StringBuilder();
    for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x80 && ATTR_CHARS.indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
