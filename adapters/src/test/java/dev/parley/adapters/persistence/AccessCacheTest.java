package dev.parley.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.port.out.ChannelAccessReader.ChannelView;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Role;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the access cache keeps, what drops it, and what it never answers from memory. */
class AccessCacheTest {
  private static final Instant T = Instant.parse("2026-12-05T00:00:00Z");

  private final AtomicLong nanos = new AtomicLong();
  private final AccessCache cache = new AccessCache(nanos::get, 1_000, 3);
  private final AtomicInteger loads = new AtomicInteger();

  @BeforeEach
  void live() {
    cache.setLive(true);
  }

  private static ChannelView view(long channelId, long userId, Role role) {
    Channel channel =
        new Channel(channelId, 1L, ChannelKind.TEXT, "c", null, null, 0, 0, 0, null, T, T);
    Membership membership = new Membership(1L, userId, role, T, null);
    User user = new User(userId, new Username("user" + userId), null, null, "h", T, true);
    return new ChannelView(channel, membership, false, Optional.of(user));
  }

  private Supplier<Optional<ChannelView>> loading(ChannelView view) {
    return () -> {
      loads.incrementAndGet();
      return Optional.of(view);
    };
  }

  private Role role(long channelId, long userId, Role fresh) {
    return cache
        .read(channelId, userId, loading(view(channelId, userId, fresh)))
        .orElseThrow()
        .membership()
        .role();
  }

  @Test
  void aSecondReadComesFromMemoryUntilARowItWasMadeOfChanges() {
    assertThat(role(10, 1, Role.ADMIN)).isEqualTo(Role.ADMIN);
    assertThat(role(10, 1, Role.MEMBER)).as("kept").isEqualTo(Role.ADMIN);
    assertThat(loads).hasValue(1);
    assertThat(cache.hits()).isEqualTo(1);

    cache.apply("m:1:1");
    assertThat(role(10, 1, Role.MEMBER)).isEqualTo(Role.MEMBER);
    cache.apply("c:10");
    assertThat(role(10, 1, Role.MODERATOR)).isEqualTo(Role.MODERATOR);
    cache.apply("p:10:1");
    assertThat(role(10, 1, Role.ADMIN)).isEqualTo(Role.ADMIN);
    cache.apply("u:1");
    assertThat(role(10, 1, Role.MEMBER)).isEqualTo(Role.MEMBER);
    assertThat(loads).hasValue(5);
  }

  @Test
  void aChangeDropsOnlyWhatWasMadeOfIt() {
    role(10, 1, Role.ADMIN);
    role(11, 1, Role.ADMIN);
    role(10, 2, Role.ADMIN);
    cache.apply("p:11:1");
    loads.set(0);
    role(10, 1, Role.MEMBER);
    role(10, 2, Role.MEMBER);
    assertThat(loads).as("other users and channels stay").hasValue(0);
    role(11, 1, Role.MEMBER);
    assertThat(loads).hasValue(1);
    cache.apply("c:10");
    role(10, 1, Role.MEMBER);
    role(10, 2, Role.MEMBER);
    assertThat(loads).as("every user's view of the channel went").hasValue(3);
  }

  @Test
  void aReadThatRacedWithAChangeIsNotKept() {
    ChannelView before = view(10, 1, Role.ADMIN);
    Optional<ChannelView> answered =
        cache.read(
            10,
            1,
            () -> {
              // The change commits and is announced while this read is under way.
              cache.apply("m:1:1");
              return Optional.of(before);
            });
    assertThat(answered).contains(before);
    assertThat(role(10, 1, Role.MEMBER)).isEqualTo(Role.MEMBER);
  }

  @Test
  void whileAnnouncementsAreNotHeardNothingComesFromMemory() {
    role(10, 1, Role.ADMIN);
    cache.setLive(false);
    assertThat(role(10, 1, Role.MEMBER)).isEqualTo(Role.MEMBER);
    assertThat(role(10, 1, Role.MODERATOR)).isEqualTo(Role.MODERATOR);
    cache.setLive(true);
    assertThat(role(10, 1, Role.MEMBER)).as("nothing from before survives").isEqualTo(Role.MEMBER);
  }

  @Test
  void entriesExpireAndTheUserBoundEmptiesTheCache() {
    role(10, 1, Role.ADMIN);
    nanos.addAndGet(1_000);
    assertThat(role(10, 1, Role.MEMBER)).as("expired").isEqualTo(Role.MEMBER);
    role(10, 2, Role.ADMIN);
    role(10, 3, Role.ADMIN);
    role(10, 4, Role.ADMIN);
    assertThat(role(10, 1, Role.MODERATOR)).as("dropped at the bound").isEqualTo(Role.MODERATOR);
  }

  @Test
  void missingChannelsAndCallersAndUnreadableAnnouncementsAreNeverTrusted() {
    cache.read(10, 1, Optional::empty);
    ChannelView noCaller =
        new ChannelView(view(10, 1, Role.ADMIN).channel(), null, false, Optional.empty());
    cache.read(10, 1, () -> Optional.of(noCaller));
    assertThat(role(10, 1, Role.MEMBER)).isEqualTo(Role.MEMBER);
    cache.apply("nonsense");
    assertThat(role(10, 1, Role.ADMIN)).isEqualTo(Role.ADMIN);
    cache.apply("m:x");
    assertThat(role(10, 1, Role.MODERATOR)).isEqualTo(Role.MODERATOR);
  }
}
