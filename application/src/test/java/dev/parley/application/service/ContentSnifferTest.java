package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.service.ContentSniffer.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ContentSnifferTest {

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length + 16];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static byte[] ascii(String text) {
    return Arrays.copyOf(text.getBytes(StandardCharsets.ISO_8859_1), text.length() + 16);
  }

  private static String type(byte[] head) {
    ContentSniffer.Sniffed sniffed = ContentSniffer.sniff(head);
    return sniffed.kind() == Kind.TYPE ? sniffed.type() : sniffed.kind().name();
  }

  @Test
  void knowsTheAcceptedFormatsByTheirMagicNumbers() {
    assertThat(type(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A))).isEqualTo("image/png");
    assertThat(type(bytes(0xFF, 0xD8, 0xFF, 0xE0))).isEqualTo("image/jpeg");
    assertThat(type(ascii("GIF89a"))).isEqualTo("image/gif");
    assertThat(type(ascii("RIFF\0\0\0\0WEBPVP8 "))).isEqualTo("image/webp");
    assertThat(type(ascii("RIFF\0\0\0\0WAVEfmt "))).isEqualTo("audio/wav");
    assertThat(type(ascii("%PDF-1.4"))).isEqualTo("application/pdf");
    assertThat(type(ascii("PK\u0003\u0004"))).isEqualTo("application/zip");
    assertThat(type(ascii("\0\0\0\u0018ftypisom"))).isEqualTo("video/mp4");
    assertThat(type(ascii("\0\0\0\u0018ftypM4A "))).isEqualTo("audio/mp4");
    assertThat(type(ascii("\0\0\0\u0014ftypqt  "))).isEqualTo("video/quicktime");
    assertThat(type(ascii("OggS\0\u0002"))).isEqualTo("audio/ogg");
    assertThat(type(ascii("OggS\0\u0002\u0080theora"))).isEqualTo("video/ogg");
    assertThat(type(bytes(0x1A, 0x45, 0xDF, 0xA3))).isEqualTo("video/webm");
    assertThat(type(ascii("ID3\u0004"))).isEqualTo("audio/mpeg");
    assertThat(type(bytes(0xFF, 0xFB, 0x90))).isEqualTo("audio/mpeg");
  }

  @Test
  void textIsValidUtf8WithoutNul() {
    assertThat(type("hello, world\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("text/plain");
    assertThat(type("\uFEFFnaïve café 😀 <3".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("text/plain");
    assertThat(type("a < b and c > d".getBytes(StandardCharsets.UTF_8))).isEqualTo("text/plain");
    assertThat(type("nul\0inside".getBytes(StandardCharsets.UTF_8))).isEqualTo("UNKNOWN");
    assertThat(type(bytes(0xC3, 0x28))).isEqualTo("UNKNOWN");
    assertThat(type(new byte[] {0x7F, 0x45, 0x4C, 0x46, 2, 1})).isEqualTo("UNKNOWN");
    assertThat(type("tab\tand\r\nlines\f".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("text/plain");
  }

  @Test
  void aCharacterCutByTheEndOfTheHeadIsNotHeldAgainstTheText() {
    byte[] head = new byte[ContentSniffer.HEAD_BYTES];
    Arrays.fill(head, (byte) 'a');
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
    head[head.length - 2] = euro[0];
    head[head.length - 1] = euro[1];
    assertThat(type(head)).isEqualTo("text/plain");
    // A shorter file ends where it ends: a cut character there is simply invalid.
    assertThat(type(Arrays.copyOf(head, 100 - 2 + 2))).isEqualTo("text/plain");
    byte[] shortCut = "abc".getBytes(StandardCharsets.UTF_8);
    shortCut = Arrays.copyOf(shortCut, 5);
    shortCut[3] = euro[0];
    shortCut[4] = euro[1];
    assertThat(type(shortCut)).isEqualTo("UNKNOWN");
  }

  @Test
  void markupIsRecognisedUnderAnyName() {
    for (String markup :
        new String[] {
          "<!DOCTYPE html><p>hi",
          "  \n<html>",
          "<HTML><BODY>",
          "<?xml version=\"1.0\"?>",
          "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
          "<!-- comment -->",
          "<p onclick=x>",
          "\uFEFF<script>alert(1)</script>",
          "just text, then <script>alert(1)</script>",
          "text then <iframe src=x>",
          "text then < SCRIPT >"
        }) {
      assertThat(type(markup.getBytes(StandardCharsets.UTF_8))).as(markup).isEqualTo("MARKUP");
    }
  }
}
