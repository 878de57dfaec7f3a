package dev.parley.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.PresenceStore;
import dev.parley.bootstrap.support.ApiTestBase;
import io.lettuce.core.RedisClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Without {@code redis.uri} one node needs only PostgreSQL: no Redis client, nothing changes. */
@MicronautTest(transactional = false)
class SingleNodeWiringTest extends ApiTestBase {
  @Inject ApplicationContext context;

  @Test
  void noRedisIsConfiguredOrContacted() {
    assertThat(context.getBean(ChatEventPublisher.class).getClass().getSimpleName())
        .isEqualTo("LocalChatEventPublisher");
    assertThat(context.getBean(PresenceStore.class).getClass().getSimpleName())
        .isEqualTo("InMemoryPresenceStore");
    assertThat(context.findBean(RedisClient.class)).isEmpty();
    assertThat(context.getBeanDefinitions(RedisClient.class)).isEmpty();
    assertThat(api.get("/health", null).json().get("status").getStringValue()).isEqualTo("UP");
  }
}
