package dev.parley.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.domain.error.InvalidInput;
import org.junit.jupiter.api.Test;

class FilenameTest {

  @Test
  void keepsOnlyTheLastSegmentOfAPath() {
    assertThat(Filename.valid("report.pdf")).isEqualTo("report.pdf");
    assertThat(Filename.valid("../../etc/passwd")).isEqualTo("passwd");
    assertThat(Filename.valid("C:\\Users\\me\\My Cat.png")).isEqualTo("My Cat.png");
    assertThat(Filename.valid("  spaced name.txt  ")).isEqualTo("spaced name.txt");
    assertThat(Filename.valid(".gitignore")).isEqualTo(".gitignore");
  }

  @Test
  void removesControlAndBidiCharacters() {
    assertThat(Filename.valid("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
    assertThat(Filename.valid("a\nb.txt")).isEqualTo("ab.txt");
    assertThat(Filename.valid("\u2066x\u2069\u200E\u200F\u061C\u202A\u202B\u202C\u202D.png"))
        .isEqualTo("x.png");
    assertThat(Filename.valid("tab\tbell\u0007del\u007F.txt")).isEqualTo("tabbelldel.txt");
    assertThat(Filename.valid("zero\u200Bwidth\uFEFF.txt")).isEqualTo("zerowidth.txt");
    assertThat(Filename.valid("line\u2028break.txt")).isEqualTo("linebreak.txt");
    assertThat(Filename.valid("dir/\u202E/evil.txt")).isEqualTo("evil.txt");
    assertThat(Filename.valid("\u202E ../x.txt")).isEqualTo("x.txt");
    assertThat(Filename.valid("日本語 ファイル.pdf")).isEqualTo("日本語 ファイル.pdf");
  }

  @Test
  void storedNamesAreShownWithoutInvisibleCharacters() {
    assertThat(Filename.shown("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
    assertThat(Filename.shown("plain.txt")).isEqualTo("plain.txt");
    assertThat(Filename.shown("\u202E\u200B")).isEqualTo("file");
  }

  @Test
  void refusesWhatNamesNoFile() {
    for (String bad :
        new String[] {null, "", "  ", "dir/", "a/..", "..", "x\\.", "\u202E", " \u200B\n "}) {
      assertThatThrownBy(() -> Filename.valid(bad)).as(bad).isInstanceOf(InvalidInput.class);
    }
    assertThat(Filename.valid("é".repeat(Filename.MAX))).hasSize(Filename.MAX);
    assertThatThrownBy(() -> Filename.valid("a".repeat(Filename.MAX + 1)))
        .isInstanceOf(InvalidInput.class);
  }
}
