package dev.parley.application.contract;

import static dev.parley.application.contract.Fixtures.NOW;
import static dev.parley.application.contract.Fixtures.server;
import static dev.parley.application.contract.Fixtures.textChannel;
import static dev.parley.application.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.WebhookOutbox;
import dev.parley.application.port.out.WebhookOutbox.FeedCursor;
import dev.parley.application.port.out.WebhookOutbox.OutgoingEvent;
import dev.parley.application.port.out.WebhookOutbox.PendingEvent;
import dev.parley.application.port.out.WebhookStore;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import dev.parley.domain.webhook.Webhook;
import dev.parley.domain.webhook.WebhookDelivery;
import dev.parley.domain.webhook.WebhookEventType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WebhookStore} and {@link WebhookOutbox} must do; run against the in-memory and
 * JDBC versions.
 */
public abstract class WebhookStoreContract {

  protected abstract OutPorts ports();

  private User author;
  private Server server;
  private Channel channel;
  private Channel other;

  @BeforeEach
  void createChannels() {
    author = user(ports().users());
    server = server(ports().servers(), author);
    channel = textChannel(ports().channels(), server, null);
    other = textChannel(ports().channels(), server, null);
  }

  private WebhookStore store() {
    return ports().webhooks();
  }

  private WebhookOutbox outbox() {
    return ports().webhookOutbox();
  }

  private Webhook create() {
    return store()
        .create(
            server.id(),
            "https://hooks.example/x",
            Set.of(WebhookEventType.MESSAGE_CREATED, WebhookEventType.MEMBER_LEFT),
            "s3cret",
            NOW);
  }

  private void post(Channel target) {
    ports().messages().append(new NewMessage(target.id(), author.id(), "hi", NOW, null, null));
  }

  private OutgoingEvent event(Webhook w, Long channelId, String data) {
    return new OutgoingEvent(w.id(), server.id(), channelId, "message.created", data, NOW);
  }

  private List<String> claimed(Instant now) {
    return outbox().claimDue(now, now.plusSeconds(60), 10).stream()
        .map(PendingEvent::dataJson)
        .toList();
  }

  @Test
  void webhooksAreStoredChangedAndRemoved() {
    Webhook w = create();
    assertThat(store().find(w.id())).contains(w);
    assertThat(w.active()).isTrue();
    assertThat(w.events())
        .containsExactlyInAnyOrder(WebhookEventType.MESSAGE_CREATED, WebhookEventType.MEMBER_LEFT);
    Webhook changed =
        new Webhook(
            w.id(),
            w.serverId(),
            "https://other.example/y",
            Set.of(WebhookEventType.REACTION_CHANGED),
            false,
            "why",
            3,
            w.createdAt());
    store().save(changed);
    assertThat(store().listByServer(server.id())).containsExactly(changed);
    store().delete(w.id());
    assertThat(store().find(w.id())).isEmpty();
    assertThat(store().listByServer(server.id())).isEmpty();
  }

  @Test
  void feedingStartsAtTheChannelsPositionWhenTheWebhookIsCreated() {
    post(channel);
    post(channel);
    create();
    assertThat(outbox().cursor(channel.id())).isEqualTo(2);
    assertThat(outbox().channelsBehind(10)).isEmpty();
    post(channel);
    assertThat(outbox().channelsBehind(10)).containsExactly(new FeedCursor(channel.id(), 2));
    outbox().advanceCursor(channel.id(), 3);
    assertThat(outbox().cursor(channel.id())).isEqualTo(3);
    assertThat(outbox().channelsBehind(10)).isEmpty();
  }

  @Test
  void eachChannelsEventsAreClaimedOneAtATimeInOrder() {
    Webhook w = create();
    outbox()
        .enqueue(
            List.of(
                event(w, channel.id(), "\"c1\""),
                event(w, channel.id(), "\"c2\""),
                event(w, other.id(), "\"o1\""),
                event(w, null, "\"m1\"")));
    Instant now = NOW.plusSeconds(1);
    List<PendingEvent> first = outbox().claimDue(now, now.plusSeconds(60), 10);
    assertThat(first)
        .extracting(PendingEvent::dataJson)
        .containsExactly("\"c1\"", "\"o1\"", "\"m1\"");
    PendingEvent c1 = first.get(0);
    assertThat(c1.url()).isEqualTo("https://hooks.example/x");
    assertThat(c1.secret()).isEqualTo("s3cret");
    assertThat(c1.attempt()).isEqualTo(1);
    assertThat(c1.channelId()).isEqualTo(channel.id());
    assertThat(first.get(2).channelId()).isNull();
    assertThat(claimed(now)).as("leased, and c2 waits behind c1").isEmpty();

    outbox().retryAt(c1.id(), now.plusSeconds(5));
    assertThat(claimed(now.plusSeconds(4))).isEmpty();
    List<PendingEvent> again = outbox().claimDue(now.plusSeconds(5), now.plusSeconds(65), 10);
    assertThat(again).extracting(PendingEvent::dataJson).containsExactly("\"c1\"");
    assertThat(again.get(0).attempt()).isEqualTo(2);
    assertThat(again.get(0).id()).isEqualTo(c1.id());
    outbox().delivered(c1.id());
    assertThat(claimed(now.plusSeconds(6))).containsExactly("\"c2\"");
    // A lease that ran out (a node that died) frees its rows.
    assertThat(claimed(now.plusSeconds(200))).contains("\"c2\"", "\"o1\"", "\"m1\"");
  }

  @Test
  void aDisabledWebhookGetsNothingAndFailuresAreCounted() {
    Webhook w = create();
    outbox().enqueue(List.of(event(w, channel.id(), "\"c1\"")));
    assertThat(store().countFailure(w.id())).isEqualTo(1);
    assertThat(store().countFailure(w.id())).isEqualTo(2);
    store().disable(w.id(), "broken");
    Webhook disabled = store().find(w.id()).orElseThrow();
    assertThat(disabled.active()).isFalse();
    assertThat(disabled.disabledReason()).isEqualTo("broken");
    assertThat(disabled.consecutiveFailures()).isEqualTo(2);
    assertThat(claimed(NOW.plusSeconds(1))).isEmpty();
    store().resetFailures(w.id());
    assertThat(store().find(w.id()).orElseThrow().consecutiveFailures()).isZero();
  }

  @Test
  void theDeliveryLogIsReadNewestFirstInPages() {
    Webhook w = create();
    for (int attempt = 1; attempt <= 3; attempt++) {
      store()
          .recordAttempt(
              w.id(), 99, "message.created", attempt, attempt == 3 ? 200 : null, "refused", 7, NOW);
    }
    List<WebhookDelivery> all = store().deliveries(w.id(), 0, 10);
    assertThat(all).extracting(WebhookDelivery::attempt).containsExactly(3, 2, 1);
    assertThat(all.get(0).statusCode()).isEqualTo(200);
    assertThat(all.get(0).succeeded()).isTrue();
    assertThat(all.get(1).statusCode()).isNull();
    assertThat(all.get(1).error()).isEqualTo("refused");
    assertThat(all.get(1).durationMillis()).isEqualTo(7);
    assertThat(store().deliveries(w.id(), all.get(0).id(), 1))
        .extracting(WebhookDelivery::attempt)
        .containsExactly(2);
  }

  @Test
  void oldLogEntriesAreForgottenAndNewerOnesKept() {
    Webhook w = create();
    store().recordAttempt(w.id(), 1, "message.created", 1, 500, null, 3, NOW.minusSeconds(7200));
    store().recordAttempt(w.id(), 1, "message.created", 2, 200, null, 3, NOW);

    assertThat(store().forgetDeliveriesBefore(NOW.minusSeconds(3600))).isEqualTo(1);
    assertThat(store().deliveries(w.id(), 0, 10))
        .extracting(WebhookDelivery::attempt)
        .containsExactly(2);
    assertThat(store().forgetDeliveriesBefore(NOW.minusSeconds(3600))).isZero();
  }
}
