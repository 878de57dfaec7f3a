package dev.parley.application.contract;

import static dev.parley.application.contract.Fixtures.NOW;
import static dev.parley.application.contract.Fixtures.conversation;
import static dev.parley.application.contract.Fixtures.server;
import static dev.parley.application.contract.Fixtures.textChannel;
import static dev.parley.application.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.ReactionRepository;
import dev.parley.application.port.out.ReactionRepository.Added;
import dev.parley.application.port.out.ReactionRepository.Bounds;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.ReactionCount;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ReactionRepository} must do; run against the in-memory and JDBC versions. */
public abstract class ReactionRepositoryContract {

  protected abstract OutPorts ports();

  private User author;
  private Server server;
  private Channel channel;

  @BeforeEach
  void createAChannel() {
    author = user(ports().users());
    server = server(ports().servers(), author);
    channel = textChannel(ports().channels(), server, null);
  }

  @Test
  void aUserReactsOnceWithEachEmoji() {
    Message message = post(channel);
    User other = user(ports().users());

    assertThat(add(message.id(), author.id(), "👍", NOW)).isTrue();
    assertThat(add(message.id(), author.id(), "👍", NOW.plusSeconds(1))).isFalse();
    assertThat(add(message.id(), other.id(), "👍", NOW.plusSeconds(2))).isTrue();
    assertThat(add(message.id(), author.id(), ":tada:", NOW.plusSeconds(3))).isTrue();

    assertThat(ports().reactions().count(message.id(), "👍")).isEqualTo(2);
    assertThat(ports().reactions().count(message.id(), ":tada:")).isEqualTo(1);
    assertThat(ports().reactions().forMessages(List.of(message.id())))
        .containsExactly(
            Map.entry(
                message.id(),
                List.of(
                    new ReactionCount("👍", 2, List.of(author.id(), other.id())),
                    new ReactionCount(":tada:", 1, List.of(author.id())))));
  }

  @Test
  void emojisAreComparedExactly() {
    Message message = post(channel);

    assertThat(add(message.id(), author.id(), ":smile:", NOW)).isTrue();
    assertThat(add(message.id(), author.id(), ":Smile:", NOW)).isTrue();
    assertThat(add(message.id(), author.id(), "👍🏽", NOW)).isTrue();

    assertThat(ports().reactions().count(message.id(), ":smile:")).isEqualTo(1);
    assertThat(ports().reactions().count(message.id(), "👍")).isZero();
  }

  @Test
  void removeReportsWhetherThereWasAReaction() {
    Message message = post(channel);
    User other = user(ports().users());
    add(message.id(), author.id(), "👍", NOW);
    add(message.id(), other.id(), "👍", NOW);

    assertThat(ports().reactions().remove(message.id(), author.id(), "👍")).isTrue();
    assertThat(ports().reactions().remove(message.id(), author.id(), "👍")).isFalse();
    assertThat(ports().reactions().remove(message.id(), other.id(), "👎")).isFalse();
    assertThat(ports().reactions().remove(987_654_321L, author.id(), "👍")).isFalse();

    assertThat(ports().reactions().count(message.id(), "👍")).isEqualTo(1);
    assertThat(add(message.id(), author.id(), "👍", NOW.plusSeconds(5))).isTrue();
    assertThat(ports().reactions().forMessages(List.of(message.id())).get(message.id()))
        .containsExactly(new ReactionCount("👍", 2, List.of(other.id(), author.id())));
  }

  @Test
  void countIsZeroWithoutReactions() {
    Message message = post(channel);

    assertThat(ports().reactions().count(message.id(), "👍")).isZero();
    assertThat(ports().reactions().count(987_654_321L, "👍")).isZero();
  }

  @Test
  void forMessagesOrdersEmojisByFirstUseAndUsersByWhenTheyReacted() {
    User a = user(ports().users());
    User b = user(ports().users());
    User c = user(ports().users());
    Message busy = post(channel);
    Message quiet = post(channel);
    Message silent = post(channel);
    add(busy.id(), a.id(), "🎉", NOW.plusSeconds(10));
    add(busy.id(), b.id(), "👍", NOW.plusSeconds(20));
    // Added later but reacted earlier: the time counts, not the order of the calls.
    add(busy.id(), c.id(), "🎉", NOW.plusSeconds(5));
    add(busy.id(), a.id(), "👍", NOW.plusSeconds(30));
    add(busy.id(), a.id(), ":b:", NOW.plusSeconds(40));
    add(busy.id(), c.id(), ":b:", NOW.plusSeconds(40));
    add(busy.id(), b.id(), ":b:", NOW.plusSeconds(40));
    add(busy.id(), b.id(), ":a:", NOW.plusSeconds(40));
    add(quiet.id(), b.id(), "❤", NOW);

    Map<Long, List<ReactionCount>> found =
        ports().reactions().forMessages(List.of(busy.id(), quiet.id(), silent.id(), 987_654_321L));

    assertThat(found).containsOnlyKeys(busy.id(), quiet.id());
    assertThat(found.get(busy.id()))
        .containsExactly(
            new ReactionCount("🎉", 2, List.of(c.id(), a.id())),
            new ReactionCount("👍", 2, List.of(b.id(), a.id())),
            new ReactionCount(":a:", 1, List.of(b.id())),
            new ReactionCount(":b:", 3, List.of(a.id(), b.id(), c.id())));
    assertThat(found.get(quiet.id())).containsExactly(new ReactionCount("❤", 1, List.of(b.id())));
  }

  @Test
  void emojisFirstUsedAtTheSameTimeGoInCodePointOrder() {
    Message message = post(channel);
    // U+1F600 is above U+FF01, though its first UTF-16 unit (a surrogate) is below.
    add(message.id(), author.id(), "😀", NOW);
    add(message.id(), author.id(), "！", NOW);
    add(message.id(), author.id(), "+1", NOW);

    assertThat(ports().reactions().forMessages(List.of(message.id())).get(message.id()))
        .extracting(ReactionCount::emoji)
        .containsExactly("+1", "！", "😀");
  }

  @Test
  void forMessagesLeavesOutMessagesWhoseReactionsWereAllRemoved() {
    Message message = post(channel);
    add(message.id(), author.id(), "👍", NOW);
    ports().reactions().remove(message.id(), author.id(), "👍");

    assertThat(ports().reactions().forMessages(List.of(message.id()))).isEmpty();
  }

  @Test
  void forNoMessagesIsEmpty() {
    add(post(channel).id(), author.id(), "👍", NOW);

    assertThat(ports().reactions().forMessages(List.of())).isEmpty();
  }

  @Test
  void reactingToAMissingMessageOrAsAMissingUserFails() {
    Message message = post(channel);

    assertThatThrownBy(() -> add(987_654_321L, author.id(), "👍", NOW))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> add(message.id(), 987_654_321L, "👍", NOW))
        .isInstanceOf(IllegalStateException.class);
    assertThat(ports().reactions().count(message.id(), "👍")).isZero();
  }

  @Test
  void reactionsGoWithTheirServersMessages() {
    Message doomed = post(channel);
    Channel dm = conversation(ports().channels(), ChannelKind.DM, author);
    Message kept = post(dm);
    add(doomed.id(), author.id(), "👍", NOW);
    add(kept.id(), author.id(), "👍", NOW);

    ports().servers().delete(server.id());

    assertThat(ports().reactions().count(doomed.id(), "👍")).isZero();
    assertThat(ports().reactions().forMessages(List.of(doomed.id(), kept.id())))
        .containsOnlyKeys(kept.id());
  }

  @Test
  void concurrentAddsOfOneReactionStoreItOnce() throws Exception {
    Message message = post(channel);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return add(message.id(), author.id(), "👍", NOW);
                }));
      }
      start.countDown();
      int added = 0;
      for (Future<Boolean> future : futures) {
        added += future.get(60, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(added).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(ports().reactions().count(message.id(), "👍")).isEqualTo(1);
  }

  @Test
  void aNewEmojiIsRefusedOnceTheMessageHasTheMostDifferentOnes() {
    Message message = post(channel);
    User other = user(ports().users());
    Bounds bounds = new Bounds(2, 10);

    assertThat(ports().reactions().add(message.id(), author.id(), ":a:", NOW, bounds))
        .isEqualTo(Added.ADDED);
    assertThat(ports().reactions().add(message.id(), author.id(), ":b:", NOW, bounds))
        .isEqualTo(Added.ADDED);
    assertThat(ports().reactions().add(message.id(), author.id(), ":c:", NOW, bounds))
        .isEqualTo(Added.TOO_MANY_EMOJIS);
    assertThat(ports().reactions().add(message.id(), other.id(), ":c:", NOW, bounds))
        .isEqualTo(Added.TOO_MANY_EMOJIS);
    // An emoji the message already has is still open to everyone.
    assertThat(ports().reactions().add(message.id(), other.id(), ":a:", NOW, bounds))
        .isEqualTo(Added.ADDED);
    assertThat(ports().reactions().add(message.id(), author.id(), ":a:", NOW, bounds))
        .isEqualTo(Added.ALREADY);
    // Once an emoji is gone from the message, a new one fits.
    ports().reactions().remove(message.id(), author.id(), ":b:");
    assertThat(ports().reactions().add(message.id(), other.id(), ":c:", NOW, bounds))
        .isEqualTo(Added.ADDED);
    assertThat(ports().reactions().forMessages(List.of(message.id())).get(message.id()))
        .extracting(ReactionCount::emoji)
        .containsExactly(":a:", ":c:");
  }

  @Test
  void aUserMayReactOnlySoManyTimesToOneMessage() {
    Message message = post(channel);
    Message another = post(channel);
    User other = user(ports().users());
    Bounds bounds = new Bounds(20, 2);

    assertThat(ports().reactions().add(message.id(), author.id(), ":a:", NOW, bounds))
        .isEqualTo(Added.ADDED);
    assertThat(ports().reactions().add(message.id(), author.id(), ":b:", NOW, bounds))
        .isEqualTo(Added.ADDED);
    assertThat(ports().reactions().add(message.id(), other.id(), ":c:", NOW, bounds))
        .isEqualTo(Added.ADDED);
    assertThat(ports().reactions().add(message.id(), author.id(), ":c:", NOW, bounds))
        .isEqualTo(Added.TOO_MANY_BY_USER);
    assertThat(ports().reactions().add(message.id(), author.id(), ":a:", NOW, bounds))
        .isEqualTo(Added.ALREADY);
    assertThat(ports().reactions().add(another.id(), author.id(), ":c:", NOW, bounds))
        .isEqualTo(Added.ADDED);

    ports().reactions().remove(message.id(), author.id(), ":a:");
    assertThat(ports().reactions().add(message.id(), author.id(), ":c:", NOW, bounds))
        .isEqualTo(Added.ADDED);
    assertThat(ports().reactions().count(message.id(), ":c:")).isEqualTo(2);
  }

  @Test
  void concurrentAddsOfDifferentEmojisNeverPassTheMessageBound() throws Exception {
    Message message = post(channel);
    List<User> reactors = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      reactors.add(user(ports().users()));
    }
    Bounds bounds = new Bounds(5, 10);

    int added =
        concurrently(
            reactors.size(),
            i ->
                ports()
                    .reactions()
                    .add(message.id(), reactors.get(i).id(), ":e" + i + ":", NOW, bounds));

    assertThat(added).isEqualTo(5);
    assertThat(ports().reactions().forMessages(List.of(message.id())).get(message.id())).hasSize(5);
  }

  @Test
  void concurrentAddsOfOneUserNeverPassTheUserBound() throws Exception {
    Message message = post(channel);
    Bounds bounds = new Bounds(20, 3);

    int added =
        concurrently(
            12,
            i -> ports().reactions().add(message.id(), author.id(), ":e" + i + ":", NOW, bounds));

    assertThat(added).isEqualTo(3);
    assertThat(ports().reactions().forMessages(List.of(message.id())).get(message.id())).hasSize(3);
  }

  /** Runs the adds at once from as many threads; how many of them stored a reaction. */
  private static int concurrently(int threads, java.util.function.IntFunction<Added> add)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Added>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int i = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return add.apply(i);
                }));
      }
      start.countDown();
      int added = 0;
      for (Future<Added> future : futures) {
        added += future.get(60, TimeUnit.SECONDS) == Added.ADDED ? 1 : 0;
      }
      return added;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Bounds no test of the plain behaviour comes near. */
  private static final Bounds ROOMY = new Bounds(100, 100);

  private boolean add(long messageId, long userId, String emoji, Instant at) {
    return ports().reactions().add(messageId, userId, emoji, at, ROOMY) == Added.ADDED;
  }

  private Message post(Channel target) {
    return ports()
        .messages()
        .append(new NewMessage(target.id(), author.id(), "hi", NOW, null, null));
  }
}
