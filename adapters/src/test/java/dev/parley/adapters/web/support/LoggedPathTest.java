package dev.parley.adapters.web.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Secrets that travel in paths never reach a log. */
class LoggedPathTest {

  @Test
  void masksInviteCodesAndIncomingWebhookSecrets() {
    assertThat(LoggedPath.mask("/chat/invites/Ab3dE6gH9k/join"))
        .isEqualTo("/chat/invites/***/join");
    assertThat(LoggedPath.mask("/chat/webhooks/12/pwh_s3cr3t")).isEqualTo("/chat/webhooks/12/***");
    assertThat(LoggedPath.mask("/chat/webhooks/12/pwh_s3cr3t/"))
        .isEqualTo("/chat/webhooks/12/***/");
    assertThat(LoggedPath.mask("//chat//webhooks//12//pwh_s3cr3t"))
        .isEqualTo("//chat//webhooks//12//***");
  }

  @Test
  void leavesOtherWebhookRoutesReadable() {
    assertThat(LoggedPath.mask("/chat/servers/3/webhooks/4/deliveries"))
        .isEqualTo("/chat/servers/3/webhooks/4/deliveries");
    assertThat(LoggedPath.mask("/chat/channels/3/webhooks/4/secret"))
        .isEqualTo("/chat/channels/3/webhooks/4/secret");
    assertThat(LoggedPath.mask("/chat/webhooks/12")).isEqualTo("/chat/webhooks/12");
  }
}
