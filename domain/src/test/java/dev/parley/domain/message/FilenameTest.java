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
  void refusesWhatNamesNoFile() {
    for (String bad : new String[] {null, "", "  ", "dir/", "a/..", "..", "x\\.", "a\nb.txt"}) {
      assertThatThrownBy(() -> Filename.valid(bad)).as(bad).isInstanceOf(InvalidInput.class);
    }
    assertThat(Filename.valid("é".repeat(Filename.MAX))).hasSize(Filename.MAX);
    assertThatThrownBy(() -> Filename.valid("a".repeat(Filename.MAX + 1)))
        .isInstanceOf(InvalidInput.class);
  }
}
