package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.fakes.DirectTransactions;
import dev.parley.application.fakes.InMemoryWebhookStore;
import dev.parley.application.port.in.AddMemberCommand;
import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateServerCommand;
import dev.parley.application.port.in.EditMessageCommand;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.application.port.in.WebhooksUseCase.CreateWebhookCommand;
import dev.parley.application.port.in.WebhooksUseCase.UpdateWebhookCommand;
import dev.parley.application.port.in.WebhooksUseCase.WebhookWithSecret;
import dev.parley.application.port.out.WebhookOutbox.PendingEvent;
import dev.parley.application.port.out.WebhookSender;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.message.MessageText;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import dev.parley.domain.webhook.Webhook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Webhooks in the core: who manages them, what is accepted, what is fed and how it is sent. */
class WebhookServicesTest {
  private final ChatWorld w = new ChatWorld();
  private final User admin = w.user("admin");
  private final User member = w.user("member");
  private final User stranger = w.user("stranger");
  private final Server server =
      w.serverServices.create(new CreateServerCommand(admin.id(), "S", null, null));
  private final Channel channel =
      w.channelServices.create(
          new CreateChannelCommand(
              admin.id(), server.id(), "general", ChannelKind.TEXT, null, null, null));
  private final InMemoryWebhookStore store = new InMemoryWebhookStore(w.channels, w.changeLog);
  private final ScriptedSender sender = new ScriptedSender();
  private final MovableClock clock = new MovableClock();
  private final WebhookService webhooks = new WebhookService(store, sender, w.guard, clock, 3);
  private final WebhookRunner runner =
      new WebhookRunner(
          store,
          store,
          sender,
          w.changeLog,
          w.channels,
          w.messages,
          w.users,
          w.attachments,
          new DirectTransactions(),
          clock,
          new WebhookRunner.Policy(
              Duration.ofSeconds(1),
              Duration.ofSeconds(5),
              4,
              Duration.ofMinutes(1),
              100,
              10,
              Duration.ofDays(7)));

  WebhookServicesTest() {
    w.memberServices.add(new AddMemberCommand(admin.id(), server.id(), member.id(), null, null));
  }

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Answers each post with the next scripted status (200 once the script is empty). */
  static final class ScriptedSender implements WebhookSender {
    final Deque<Integer> statuses = new ArrayDeque<>();
    final List<PendingEvent> posted = new ArrayList<>();

    @Override
    public Optional<String> refusal(String url) {
      return url.contains("10.0.0.1") ? Optional.of("internal address") : Optional.empty();
    }

    @Override
    public Outcome post(PendingEvent event) {
      posted.add(event);
      Integer status = statuses.isEmpty() ? 200 : statuses.poll();
      return new Outcome(status, null, 1);
    }
  }

  private WebhookWithSecret subscribe(String... events) {
    return webhooks.create(
        new CreateWebhookCommand(
            admin.id(), server.id(), "https://hooks.example/x", List.of(events)));
  }

  private PostedMessage post(String text) {
    return w.send.send(SendMessageCommand.of(member.id(), channel.id(), null, text, null)).posted();
  }

  @Test
  void onlyAdminsManageWebhooksAndOutsidersSeeNoServer() {
    CreateWebhookCommand asMember =
        new CreateWebhookCommand(
            member.id(), server.id(), "https://hooks.example/x", List.of("message.created"));
    assertThatThrownBy(() -> webhooks.create(asMember)).isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(() -> webhooks.list(stranger.id(), server.id()))
        .isInstanceOf(NotFound.class);
    WebhookWithSecret created = subscribe("message.created");
    assertThat(created.secret()).hasSize(64).matches("[0-9a-f]+");
    assertThat(store.secretOf(created.webhook().id())).isEqualTo(created.secret());
    assertThatThrownBy(() -> webhooks.delete(member.id(), server.id(), created.webhook().id()))
        .isInstanceOf(PermissionDenied.class);
    // Another server's id does not reach this server's webhook.
    Server other = w.serverServices.create(new CreateServerCommand(admin.id(), "T", null, null));
    assertThatThrownBy(() -> webhooks.delete(admin.id(), other.id(), created.webhook().id()))
        .isInstanceOf(NotFound.class);
    String rotated =
        webhooks.rotateSecret(admin.id(), server.id(), created.webhook().id()).secret();
    assertThat(rotated).isNotEqualTo(created.secret());
    assertThat(store.secretOf(created.webhook().id())).isEqualTo(rotated);
  }

  @Test
  void badInputNamesItsField() {
    assertThatThrownBy(() -> subscribe("message.exploded"))
        .isInstanceOf(InvalidInput.class)
        .extracting(e -> ((InvalidInput) e).field())
        .isEqualTo("events");
    assertThatThrownBy(() -> subscribe())
        .extracting(e -> ((InvalidInput) e).field())
        .isEqualTo("events");
    for (String url :
        List.of("", "/relative", "http://user:pw@hooks.example/", "http://10.0.0.1/")) {
      assertThatThrownBy(
              () ->
                  webhooks.create(
                      new CreateWebhookCommand(
                          admin.id(), server.id(), url, List.of("message.created"))))
          .as(url)
          .isInstanceOf(InvalidInput.class)
          .extracting(e -> ((InvalidInput) e).field())
          .isEqualTo("url");
    }
    subscribe("message.created");
    subscribe("message.created");
    subscribe("message.created");
    assertThatThrownBy(() -> subscribe("message.created")).isInstanceOf(InvalidInput.class);
  }

  @Test
  void theFeedQueuesOnlyChangesAfterTheSubscriptionInLogOrderForTheTypesWanted() {
    post("before");
    Webhook created = subscribe("message.created", "message.edited").webhook();
    Webhook deletes = subscribe("message.deleted").webhook();
    PostedMessage first = post("one");
    post("two");
    w.actions.edit(
        new EditMessageCommand(
            member.id(), first.message().id(), new MessageText("one, edited"), null));
    w.actions.delete(member.id(), first.message().id(), null);

    store.holdFeedLock(true);
    assertThat(runner.feed()).as("another node holds the feed").isZero();
    store.holdFeedLock(false);
    assertThat(runner.feed()).isEqualTo(4);
    assertThat(runner.feed()).as("nothing is fed twice").isZero();

    assertThat(
            store.outbox().stream()
                .filter(r -> r.event().webhookId() == created.id())
                .map(r -> r.event().type()))
        .containsExactly("message.created", "message.created", "message.edited");
    // Fed after its delete, the first message shows as it is now; the second as sent.
    assertThat(store.outbox().get(0).event().dataJson()).contains("\"deleted\":true");
    assertThat(store.outbox().get(1).event().dataJson())
        .contains("\"content\":\"two\"", "\"deleted\":false");
    assertThat(
            store.outbox().stream()
                .filter(r -> r.event().webhookId() == deletes.id())
                .map(r -> r.event().type()))
        .containsExactly("message.deleted");
  }

  @Test
  void memberChangesAreFedFromTheMemberLog() {
    subscribe("member.left");
    store.logMember(server.id(), stranger.id(), "stranger", true, "MEMBER", null);
    store.logMember(server.id(), stranger.id(), "stranger", false, null, "KICKED");
    assertThat(runner.feed()).isEqualTo(1);
    assertThat(store.outbox().get(0).event().type()).isEqualTo("member.left");
    assertThat(store.outbox().get(0).event().channelId()).isNull();
    assertThat(store.outbox().get(0).event().dataJson()).contains("\"reason\":\"KICKED\"");
    assertThat(runner.feed()).isZero();
  }

  @Test
  void failuresAreRetriedWithDoublingDelaysInOrderThenDisableTheWebhook() {
    Webhook hook = subscribe("message.created").webhook();
    post("a");
    post("b");
    runner.feed();
    sender.statuses.addAll(List.of(500, 503, 500, 500));

    assertThat(runner.dispatch()).as("only the head of the channel's stream").isEqualTo(1);
    assertThat(runner.dispatch()).as("not before its retry time").isZero();
    clock.now = clock.now.plusMillis(999);
    assertThat(runner.dispatch()).isZero();
    clock.now = clock.now.plusMillis(1);
    assertThat(runner.dispatch()).isEqualTo(1); // second attempt, after 1 s
    clock.now = clock.now.plusSeconds(2);
    assertThat(runner.dispatch()).isEqualTo(1); // third, after 2 s
    clock.now = clock.now.plusSeconds(4);
    assertThat(runner.dispatch()).isEqualTo(1); // fourth, after 4 s: the fourth failure
    Webhook disabled = webhooks.list(admin.id(), server.id()).get(0);
    assertThat(disabled.active()).isFalse();
    assertThat(disabled.disabledReason()).contains("4 consecutive", "HTTP 500");
    clock.now = clock.now.plusSeconds(60);
    assertThat(runner.dispatch()).as("a disabled webhook gets nothing").isZero();
    assertThat(sender.posted).hasSize(4);
    assertThat(sender.posted.stream().map(PendingEvent::id).distinct()).hasSize(1);
    assertThat(webhooks.deliveries(admin.id(), server.id(), hook.id(), 0, 10))
        .extracting(d -> d.attempt())
        .containsExactly(4, 3, 2, 1);

    webhooks.update(new UpdateWebhookCommand(admin.id(), server.id(), hook.id(), null, null, true));
    assertThat(runner.dispatch()).isEqualTo(1);
    assertThat(runner.dispatch()).isEqualTo(1);
    assertThat(sender.posted.stream().skip(4).map(p -> p.dataJson()))
        .satisfiesExactly(
            a -> assertThat(a).contains("\"content\":\"a\""),
            b -> assertThat(b).contains("\"content\":\"b\""));
    assertThat(store.outbox()).isEmpty();
    assertThat(webhooks.list(admin.id(), server.id()).get(0).consecutiveFailures()).isZero();
  }

  @Test
  void backoffDoublesUpToItsCap() {
    assertThat(runner.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(runner.backoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(runner.backoff(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(runner.backoff(4)).isEqualTo(Duration.ofSeconds(5));
    assertThat(runner.backoff(60)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void pruningForgetsAttemptsOlderThanTheRetention() {
    store.recordAttempt(1, 1, "message.created", 1, 500, null, 3, clock.now);
    clock.now = clock.now.plus(Duration.ofDays(7)).plusSeconds(1);
    store.recordAttempt(1, 1, "message.created", 2, 200, null, 3, clock.now);

    assertThat(runner.prune()).isEqualTo(1);
    assertThat(runner.prune()).isZero();
    assertThat(store.deliveries(1, 0, 10))
        .singleElement()
        .satisfies(d -> assertThat(d.attempt()).isEqualTo(2));
  }
}
