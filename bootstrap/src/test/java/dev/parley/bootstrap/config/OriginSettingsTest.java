package dev.parley.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.adapters.web.support.OriginPolicy;
import dev.parley.adapters.web.support.WebSecuritySettings;
import dev.parley.bootstrap.support.ApiTestBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the origin allow-list follows the mode Parley runs in and what it refuses at startup. */
class OriginSettingsTest {
  @TempDir Path dataDir;

  private ParleySettings embedded() {
    return new ParleySettings(dataDir.toString(), null, null, null, null);
  }

  private ParleySettings configuredDatabase() {
    return new ParleySettings(
        dataDir.toString(), "postgres://u:p@db.example.com/chat", null, ApiTestBase.SECRET, null);
  }

  private static OriginPolicy policy(
      ParleySettings settings, List<String> allowed, boolean allowAny) {
    WebSecuritySettings web = new WebSecuritySettings();
    web.setAllowedOrigins(allowed);
    web.setAllowAnyOrigin(allowAny);
    return new OriginPolicyFactory().originPolicy(settings, web);
  }

  @Test
  void embeddedModeAllowsLocalPagesOnAnyPort() {
    OriginPolicy local = policy(embedded(), null, false);
    assertThat(local.allows("http://localhost:5173")).isTrue();
    assertThat(local.allows("http://127.0.0.1:8080")).isTrue();
    assertThat(local.allows("http://localhost")).isTrue();
    assertThat(local.allows("http://localhost.evil.example")).isFalse();
    assertThat(local.allows("http://localhost:5173.evil.example")).isFalse();
    assertThat(local.allows("https://app.example.com")).isFalse();
    assertThat(local.allows("null")).isFalse();
  }

  @Test
  void aConfiguredDeploymentAllowsOnlyItsList() {
    OriginPolicy listed =
        policy(
            configuredDatabase(),
            List.of("https://App.Example.com/", "https://b.example:443"),
            false);
    assertThat(listed.allows("https://app.example.com")).isTrue();
    assertThat(listed.allows("https://b.example")).isTrue();
    assertThat(listed.allows("http://app.example.com")).isFalse();
    assertThat(listed.allows("https://app.example.com:8443")).isFalse();
    assertThat(listed.allows("http://localhost:5173")).isFalse();
    assertThat(policy(configuredDatabase(), List.of(), false).allows("http://localhost:3000"))
        .isFalse();
  }

  @Test
  void aWildcardNeedsTheExplicitSwitch() {
    assertThatThrownBy(() -> policy(configuredDatabase(), List.of("*"), false))
        .isInstanceOf(StartupRefused.class)
        .hasMessageContaining("parley.security.allow-any-origin");
    OriginPolicy any = policy(configuredDatabase(), List.of("*"), true);
    assertThat(any.allows("https://anything.example")).isTrue();
    assertThat(policy(configuredDatabase(), List.of(), true).allows("https://x.example")).isTrue();
  }

  @Test
  void entriesThatAreNotOriginsAreNamedAndRefused() {
    for (String bad :
        List.of(
            "app.example.com", "https://app.example.com/chat", "ftp://files.example", "https://")) {
      assertThatThrownBy(() -> policy(configuredDatabase(), List.of(bad), false))
          .as(bad)
          .isInstanceOf(StartupRefused.class)
          .hasMessageContaining(bad);
    }
  }

  @Test
  void sameOriginComparesHostAndPortWithTheHostHeader() {
    assertThat(OriginPolicy.sameOrigin("http://localhost:8080", "localhost:8080")).isTrue();
    assertThat(OriginPolicy.sameOrigin("https://chat.example.org", "chat.example.org")).isTrue();
    assertThat(OriginPolicy.sameOrigin("https://chat.example.org", "chat.example.org:443"))
        .isTrue();
    assertThat(OriginPolicy.sameOrigin("http://CHAT.example.org", "chat.example.org")).isTrue();
    assertThat(OriginPolicy.sameOrigin("http://localhost:8081", "localhost:8080")).isFalse();
    assertThat(OriginPolicy.sameOrigin("http://evil.example", "chat.example.org")).isFalse();
    assertThat(OriginPolicy.sameOrigin("null", "chat.example.org")).isFalse();
    assertThat(OriginPolicy.sameOrigin("http://chat.example.org", null)).isFalse();
    assertThat(OriginPolicy.sameOrigin("http://chat.example.org", "chat.example.org/x")).isFalse();
  }
}
