package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.fakes.DirectTransactions;
import dev.parley.application.fakes.InMemoryIncomingHookRepository;
import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateConversationCommand;
import dev.parley.application.port.in.IncomingHooksUseCase.HookPost;
import dev.parley.application.port.in.IncomingHooksUseCase.HookWithSecret;
import dev.parley.application.port.in.ReadHistoryQuery;
import dev.parley.application.port.in.ReadHistoryQuery.Cursor;
import dev.parley.application.port.in.SendMessageUseCase.SendResult;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.error.RateLimited;
import dev.parley.domain.event.MentionCreated;
import dev.parley.domain.event.MessageCreated;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.user.User;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Incoming webhooks: made by a channel's admins, posting marked messages by secret alone. */
class IncomingHookServiceTest {
  private final ChatWorld w = new ChatWorld();
  private final InMemoryIncomingHookRepository repository = new InMemoryIncomingHookRepository();

  /** Allows {@code allowed} posts in all, then refuses. */
  private final AtomicInteger allowed = new AtomicInteger(1000);

  private final IncomingHookService hooks =
      new IncomingHookService(
          w.guard,
          w.channels,
          w.users,
          repository,
          w.send,
          key ->
              allowed.getAndDecrement() > 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(3)),
          new DirectTransactions(),
          w.clock);
  private final User admin = w.user("admin");
  private final User member = w.user("member");
  private final User outsider = w.user("outsider");
  private final Channel channel = w.channelOf(admin, member);

  private List<PostedMessage> history(User reader) {
    return w.history.read(
        ReadHistoryQuery.page(
            reader.id(), channel.id(), ChannelExpectation.ANY, null, Cursor.NEWEST));
  }

  @Test
  void anAdminMakesAWebhookWhosePosterIsAHiddenBot() {
    HookWithSecret made = hooks.create(admin.id(), channel.id(), "  CI  ");

    assertThat(made.secret()).startsWith(IncomingHookService.SECRET_PREFIX).hasSizeGreaterThan(40);
    assertThat(made.hook().name()).isEqualTo("CI");
    assertThat(made.hook().channelId()).isEqualTo(channel.id());
    User poster = w.users.findById(made.hook().posterId()).orElseThrow();
    assertThat(poster.bot()).isTrue();
    assertThat(poster.passwordHash()).isNull();
    assertThat(w.memberships.find(channel.serverId(), poster.id())).isEmpty();
    assertThat(hooks.list(admin.id(), channel.id())).containsExactly(made.hook());
  }

  @Test
  void onlyAdminsOfTheChannelsServerManageItsWebhooks() {
    HookWithSecret made = hooks.create(admin.id(), channel.id(), "CI");

    assertThatThrownBy(() -> hooks.create(member.id(), channel.id(), "x"))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(() -> hooks.list(member.id(), channel.id()))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(() -> hooks.revoke(member.id(), channel.id(), made.hook().id()))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(() -> hooks.create(outsider.id(), channel.id(), "x"))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> hooks.rotateSecret(outsider.id(), channel.id(), made.hook().id()))
        .isInstanceOf(NotFound.class);
    Channel other = w.channelOf(admin);
    assertThatThrownBy(() -> hooks.revoke(admin.id(), other.id(), made.hook().id()))
        .as("a webhook is reached through its own channel only")
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> hooks.create(admin.id(), channel.id(), " "))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("name");
  }

  @Test
  void voiceChannelsAndConversationsCannotHaveWebhooks() {
    Channel voice =
        w.channelServices.create(
            new CreateChannelCommand(
                admin.id(), channel.serverId(), "talk", ChannelKind.VOICE, null, null, null));
    Channel dm =
        w.conversations
            .create(
                new CreateConversationCommand(admin.id(), null, null, false, List.of(member.id())))
            .channel();

    assertThatThrownBy(() -> hooks.create(admin.id(), voice.id(), "x"))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("voice");
    assertThatThrownBy(() -> hooks.create(admin.id(), dm.id(), "x"))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("conversations");
  }

  @Test
  void aPostIsAMarkedMessageOfTheChannelAnnouncedAndMentioningLikeAnyOther() {
    HookWithSecret made = hooks.create(admin.id(), channel.id(), "CI");
    w.published.clear();

    SendResult plain =
        hooks.post(made.hook().id(), made.secret(), new HookPost("build green", null, null));
    SendResult named =
        hooks.post(
            made.hook().id(),
            made.secret(),
            new HookPost("@" + member.username().value() + " look", "Deploy bot", null));

    assertThat(plain.duplicate()).isFalse();
    assertThat(plain.posted().authorName()).isEqualTo("CI");
    assertThat(plain.posted().authorBot()).isTrue();
    assertThat(plain.posted().webhookId()).isEqualTo(made.hook().id());
    assertThat(plain.posted().message().authorId()).isEqualTo(made.hook().posterId());
    assertThat(named.posted().authorName()).isEqualTo("Deploy bot");
    assertThat(history(member))
        .extracting(PostedMessage::authorName, PostedMessage::webhookId, PostedMessage::authorBot)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("CI", made.hook().id(), true),
            org.assertj.core.groups.Tuple.tuple("Deploy bot", made.hook().id(), true));
    assertThat(w.published)
        .filteredOn(MessageCreated.class::isInstance)
        .hasSize(2)
        .allSatisfy(
            e -> assertThat(((MessageCreated) e).posted().webhookId()).isEqualTo(made.hook().id()));
    assertThat(w.published)
        .filteredOn(MentionCreated.class::isInstance)
        .singleElement()
        .satisfies(e -> assertThat(((MentionCreated) e).mentionedUserId()).isEqualTo(member.id()));
  }

  @Test
  void moderatorsDeleteAWebhooksMessageButMembersDoNot() {
    HookWithSecret made = hooks.create(admin.id(), channel.id(), "CI");
    long id =
        hooks
            .post(made.hook().id(), made.secret(), new HookPost("spam", null, null))
            .posted()
            .message()
            .id();

    assertThatThrownBy(() -> w.actions.delete(member.id(), id, null))
        .isInstanceOf(PermissionDenied.class);
    w.actions.delete(admin.id(), id, null);
    assertThat(w.messages.findById(id).orElseThrow().isDeleted()).isTrue();
  }

  @Test
  void aRetriedNonceReturnsTheFirstMessage() {
    HookWithSecret made = hooks.create(admin.id(), channel.id(), "CI");

    SendResult first =
        hooks.post(made.hook().id(), made.secret(), new HookPost("once", "A", "job-17"));
    SendResult again =
        hooks.post(made.hook().id(), made.secret(), new HookPost("once", "B", "job-17"));

    assertThat(again.duplicate()).isTrue();
    assertThat(again.posted().message().id()).isEqualTo(first.posted().message().id());
    assertThat(again.posted().authorName()).isEqualTo("A");
    assertThat(history(admin)).hasSize(1);
  }

  @Test
  void wrongSecretsUnknownAndRevokedWebhooksAreAllTheSameNotFound() {
    HookWithSecret made = hooks.create(admin.id(), channel.id(), "CI");
    HookPost post = new HookPost("hi", null, null);

    assertThatThrownBy(() -> hooks.post(made.hook().id(), made.secret() + "x", post))
        .isInstanceOf(NotFound.class)
        .hasMessage("Webhook not found");
    assertThatThrownBy(() -> hooks.post(made.hook().id(), null, post))
        .isInstanceOf(NotFound.class)
        .hasMessage("Webhook not found");
    assertThatThrownBy(() -> hooks.post(made.hook().id() + 1, made.secret(), post))
        .isInstanceOf(NotFound.class)
        .hasMessage("Webhook not found");

    HookWithSecret rotated = hooks.rotateSecret(admin.id(), channel.id(), made.hook().id());
    assertThatThrownBy(() -> hooks.post(made.hook().id(), made.secret(), post))
        .isInstanceOf(NotFound.class);
    hooks.post(made.hook().id(), rotated.secret(), post);

    hooks.revoke(admin.id(), channel.id(), made.hook().id());
    assertThatThrownBy(() -> hooks.post(made.hook().id(), rotated.secret(), post))
        .isInstanceOf(NotFound.class)
        .hasMessage("Webhook not found");
    assertThat(hooks.list(admin.id(), channel.id())).isEmpty();
    assertThatThrownBy(() -> hooks.revoke(admin.id(), channel.id(), made.hook().id()))
        .isInstanceOf(NotFound.class);
    assertThat(history(admin)).hasSize(1);
  }

  @Test
  void postsOverTheBudgetAreRefusedAndStoreNothing() {
    HookWithSecret made = hooks.create(admin.id(), channel.id(), "CI");
    allowed.set(1);
    hooks.post(made.hook().id(), made.secret(), new HookPost("one", null, null));

    assertThatThrownBy(
            () -> hooks.post(made.hook().id(), made.secret(), new HookPost("two", null, null)))
        .isInstanceOfSatisfying(
            RateLimited.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3)));
    assertThat(history(admin)).hasSize(1);
  }

  @Test
  void postsObeyTheTextRulesOfAnyMessage() {
    HookWithSecret made = hooks.create(admin.id(), channel.id(), "CI");
    long id = made.hook().id();

    assertThatThrownBy(() -> hooks.post(id, made.secret(), new HookPost(" ", null, null)))
        .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("text"));
    assertThatThrownBy(() -> hooks.post(id, made.secret(), null))
        .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("text"));
    assertThatThrownBy(
            () -> hooks.post(id, made.secret(), new HookPost("x".repeat(4001), null, null)))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("4000");
    assertThatThrownBy(
            () -> hooks.post(id, made.secret(), new HookPost("hi", "u".repeat(81), null)))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("username"));
    assertThatThrownBy(() -> hooks.post(id, made.secret(), new HookPost("hi", null, "a b")))
        .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("nonce"));
    assertThat(history(admin)).isEmpty();
  }
}
