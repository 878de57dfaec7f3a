package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.port.in.CreateConversationCommand;
import dev.parley.application.port.in.ReactCommand;
import dev.parley.application.port.in.ReactCommand.Mode;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.domain.error.Conflict;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.event.ReactionChanged;
import dev.parley.domain.user.User;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounds on a message's reactions (20 different emojis, 10 per user) and emoji validation. */
class ReactionBoundsTest {
  private final ChatWorld w = new ChatWorld();
  private final User alice = w.user("alice");
  private final User bob = w.user("bob");
  private final User carol = w.user("carol");
  private final long messageId = message();

  private long message() {
    long channelId =
        w.conversations
            .create(
                new CreateConversationCommand(
                    alice.id(), "Team", null, true, List.of(bob.id(), carol.id())))
            .channel()
            .id();
    return w.send
        .send(SendMessageCommand.of(alice.id(), channelId, null, "react", null))
        .posted()
        .message()
        .id();
  }

  private ReactionChanged react(User user, String emoji, Mode mode) {
    return w.actions.react(new ReactCommand(user.id(), messageId, emoji, mode, null));
  }

  @Test
  void aUserMayPutTenReactionsOnAMessage() {
    for (int i = 0; i < 10; i++) {
      assertThat(react(alice, ":a" + i + ":", Mode.ADD)).isNotNull();
    }
    int published = w.published.size();

    assertThatThrownBy(() -> react(alice, ":a10:", Mode.ADD))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("10 reactions");
    // Adding an emoji the message has is refused too once the user is at the bound, by toggle too.
    assertThatThrownBy(() -> react(alice, "👍", Mode.TOGGLE)).isInstanceOf(Conflict.class);
    assertThat(w.published).hasSize(published);
    // Re-adding one they have is the usual no-op, removing one makes room.
    assertThat(react(alice, ":a0:", Mode.ADD)).isNull();
    assertThat(react(alice, ":a0:", Mode.REMOVE).added()).isFalse();
    assertThat(react(alice, ":a10:", Mode.ADD).added()).isTrue();
    // Others are not held back by alice's count.
    assertThat(react(bob, ":a10:", Mode.TOGGLE).count()).isEqualTo(2);
  }

  @Test
  void aMessageCarriesAtMostTwentyDifferentEmojis() {
    for (int i = 0; i < 10; i++) {
      react(alice, ":a" + i + ":", Mode.ADD);
      react(bob, ":b" + i + ":", Mode.ADD);
    }

    assertThatThrownBy(() -> react(carol, ":c0:", Mode.ADD))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("20 different reactions");
    assertThatThrownBy(() -> react(carol, "🎉", Mode.TOGGLE)).isInstanceOf(Conflict.class);
    // Existing emojis still toggle for everyone.
    ReactionChanged joined = react(carol, ":a3:", Mode.TOGGLE);
    assertThat(joined.added()).isTrue();
    assertThat(joined.count()).isEqualTo(2);
    assertThat(react(carol, ":a3:", Mode.TOGGLE).added()).isFalse();
    assertThat(react(carol, ":b9:", Mode.ADD).count()).isEqualTo(2);

    // Once an emoji is gone entirely, a new one fits in its place.
    react(bob, ":b0:", Mode.REMOVE);
    assertThat(react(carol, ":c0:", Mode.ADD).added()).isTrue();
    assertThatThrownBy(() -> react(carol, ":c1:", Mode.ADD)).isInstanceOf(Conflict.class);
  }

  @Test
  void aReactionStoredBeforeValidationCanOnlyBeTakenBack() {
    w.reactions.add(
        messageId, alice.id(), "abc", w.clock.instant(), MessageActionsService.REACTION_BOUNDS);

    assertThatThrownBy(() -> react(bob, "abc", Mode.ADD)).isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> react(alice, "abc", Mode.TOGGLE)).isInstanceOf(InvalidInput.class);
    ReactionChanged removed = react(alice, "abc", Mode.REMOVE);
    assertThat(removed.added()).isFalse();
    assertThat(removed.count()).isZero();
  }

  @Test
  void onlyEmojiAreReactions() {
    for (String text : new String[] {"abc", "<script>", " ", "a\u0000", "+1", "👍👍"}) {
      assertThatThrownBy(() -> react(alice, text, Mode.ADD))
          .as(text)
          .isInstanceOf(InvalidInput.class);
    }
  }
}
