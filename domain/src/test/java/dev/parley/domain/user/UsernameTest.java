package dev.parley.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.domain.error.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernameTest {

  @ParameterizedTest
  @ValueSource(strings = {"bob", "john_doe", "a.b-c", "User1", "x23456789012345678901234567890ab"})
  void acceptsValidNames(String name) {
    assertThat(new Username(name).value()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "  ",
        "ab",
        "has space",
        "<script>",
        "é-accent",
        "x234567890123456789012345678901ab"
      })
  void rejectsInvalidNames(String name) {
    assertThatThrownBy(() -> new Username(name)).isInstanceOf(InvalidInput.class);
  }

  @Test
  void keyIgnoresCaseAndSurroundingSpaceIsTrimmed() {
    assertThat(new Username(" Alice ").key()).isEqualTo("alice");
    assertThat(new Username("ALICE").key()).isEqualTo(new Username("alice").key());
  }

  @Test
  void passwordNeverPrintsItself() {
    assertThat(RawPassword.forRegistration("secret-password").toString()).doesNotContain("secret");
  }
}
