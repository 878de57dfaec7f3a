package dev.parley.adapters.web.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

  @Test
  void plainNamesPassThrough() {
    assertThat(ContentDisposition.attachment("report-2026_v1.pdf"))
        .isEqualTo(
            "attachment; filename=\"report-2026_v1.pdf\"; filename*=UTF-8''report-2026_v1.pdf");
  }

  @Test
  void quotesBackslashesControlsAndNonAsciiNeverReachTheHeaderRaw() {
    String header = ContentDisposition.attachment("a\"b\\c\r\nSet-Cookie: x=1;%20 ü😀.txt");

    assertThat(header)
        .isEqualTo(
            "attachment; filename=\"a_b_c__Set-Cookie: x=1;_20 __.txt\";"
                + " filename*=UTF-8''a%22b%5Cc%0D%0ASet-Cookie%3A%20x%3D1%3B%2520%20%C3%BC%F0%9F%98%80.txt");
    assertThat(header).doesNotContain("\r").doesNotContain("\n");
  }
}
