package dev.parley.application.contract;

import static dev.parley.application.contract.Fixtures.NOW;
import static dev.parley.application.contract.Fixtures.server;
import static dev.parley.application.contract.Fixtures.textChannel;
import static dev.parley.application.contract.Fixtures.unique;
import static dev.parley.application.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.port.out.IncomingHookRepository;
import dev.parley.application.port.out.IncomingHookRepository.NewHook;
import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.MessageRepository.NonceAlreadyUsed;
import dev.parley.application.port.out.MessageRepository.Page;
import dev.parley.application.port.out.UserRepository.NewUser;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.message.Message;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import dev.parley.domain.webhook.IncomingHook;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IncomingHookRepository} must do, and what the message store keeps of a
 * webhook's message; run against the in-memory and JDBC versions.
 */
public abstract class IncomingHookRepositoryContract {

  protected abstract OutPorts ports();

  protected abstract IncomingHookRepository hooks();

  private User poster() {
    return ports()
        .users()
        .create(new NewUser(new Username(unique("webhook-")), null, "Hook", null, NOW, true));
  }

  @Test
  void hooksAreFoundWhileActiveAndRevokingOrRotatingTouchesOnlyActiveOnes() {
    User admin = user(ports().users());
    Server server = server(ports().servers(), admin);
    Channel channel = textChannel(ports().channels(), server, null);
    Channel other = textChannel(ports().channels(), server, null);
    IncomingHook first =
        hooks().create(new NewHook(channel.id(), poster().id(), "CI", "h1", admin.id(), NOW));
    IncomingHook second =
        hooks()
            .create(
                new NewHook(
                    channel.id(), poster().id(), "Alerts", "h2", admin.id(), NOW.plusSeconds(1)));
    hooks().create(new NewHook(other.id(), poster().id(), "Else", "h3", admin.id(), NOW));

    assertThat(hooks().findActive(first.id()))
        .hasValueSatisfying(
            a -> {
              assertThat(a.hook()).isEqualTo(first);
              assertThat(a.secretHash()).isEqualTo("h1");
            });
    assertThat(hooks().activeInChannel(channel.id())).containsExactly(first, second);

    assertThat(hooks().replaceSecret(first.id(), "h1b")).isTrue();
    assertThat(hooks().findActive(first.id()).orElseThrow().secretHash()).isEqualTo("h1b");

    assertThat(hooks().revoke(first.id(), NOW.plusSeconds(5))).isTrue();
    assertThat(hooks().revoke(first.id(), NOW.plusSeconds(6))).isFalse();
    assertThat(hooks().replaceSecret(first.id(), "h1c")).isFalse();
    assertThat(hooks().findActive(first.id())).isEmpty();
    assertThat(hooks().activeInChannel(channel.id())).containsExactly(second);
    assertThat(hooks().findActive(Long.MAX_VALUE)).isEmpty();
    assertThat(hooks().revoke(Long.MAX_VALUE, NOW)).isFalse();
  }

  @Test
  void aWebhooksMessageKeepsItsWebhookAndNameAndItsNonceOnce() {
    User admin = user(ports().users());
    Server server = server(ports().servers(), admin);
    Channel channel = textChannel(ports().channels(), server, null);
    User poster = poster();
    IncomingHook hook =
        hooks().create(new NewHook(channel.id(), poster.id(), "CI", "h", admin.id(), NOW));

    Message stored =
        ports()
            .messages()
            .append(
                new NewMessage(
                    channel.id(),
                    poster.id(),
                    "build green",
                    NOW,
                    null,
                    "n-1",
                    hook.id(),
                    "CI bot"));
    Message plain =
        ports()
            .messages()
            .append(new NewMessage(channel.id(), admin.id(), "nice", NOW, null, null));

    assertThat(stored.webhookId()).isEqualTo(hook.id());
    assertThat(stored.displayName()).isEqualTo("CI bot");
    assertThat(ports().messages().findById(stored.id())).contains(stored);
    assertThat(ports().messages().findByNonce(poster.id(), "n-1")).contains(stored);
    assertThat(ports().messages().page(channel.id(), new Page.Newest(10, 0)))
        .containsExactly(stored, plain);
    assertThat(plain.webhookId()).isNull();
    assertThat(plain.displayName()).isNull();
    assertThatThrownBy(
            () ->
                ports()
                    .messages()
                    .append(
                        new NewMessage(
                            channel.id(), poster.id(), "again", NOW, null, "n-1", hook.id(), "CI")))
        .isInstanceOf(NonceAlreadyUsed.class);
    assertThat(ports().messages().markDeleted(stored.id(), NOW.plusSeconds(1)).webhookId())
        .isEqualTo(hook.id());
  }
}
