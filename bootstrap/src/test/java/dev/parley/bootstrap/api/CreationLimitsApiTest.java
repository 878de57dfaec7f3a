package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How much one user or server may accumulate, on every surface that creates servers or rooms. */
@MicronautTest(transactional = false)
class CreationLimitsApiTest extends ApiTestBase {

  @Override
  protected Map<String, String> extraProperties() {
    return Map.of(
        "parley.limits.servers-per-owner", "2",
        "parley.limits.channels-per-server", "2",
        "parley.limits.invites-per-server", "1");
  }

  @Test
  void serversChannelsAndInvitesStopAtTheirLimitOnEverySurface() {
    Session owner = api.newUser("quota");
    assertThat(api.post("/chat/servers", "{\"name\":\"one\"}", owner.token()).status())
        .isEqualTo(201);
    // The classic surface creates servers too, under the same limit.
    Response second = api.post("/servers", "{\"name\":\"two\"}", owner.token());
    assertThat(second.status()).isEqualTo(201);
    Response third = api.post("/chat/servers", "{\"name\":\"three\"}", owner.token());
    assertThat(third.status()).isEqualTo(409);
    assertThat(third.json().get("message").getStringValue()).contains("at most 2");
    assertThat(api.post("/servers", "{\"name\":\"four\"}", owner.token()).status()).isEqualTo(409);

    long server = second.json().get("id").getLongValue();
    String channels = "/chat/servers/" + server + "/channels";
    for (int i = 0; i < 2; i++) {
      Response made =
          api.post(channels, "{\"name\":\"c" + i + "\",\"type\":\"text\"}", owner.token());
      assertThat(made.status()).as(made.toString()).isIn(201, 409);
    }
    // Whatever the classic surface made by default, the server now holds exactly the limit.
    assertThat(api.get(channels, owner.token()).json().size()).isEqualTo(2);
    assertThat(api.post(channels, "{\"name\":\"over\",\"type\":\"text\"}", owner.token()).status())
        .isEqualTo(409);
    assertThat(
            api.post("/servers/" + server + "/channels", "{\"name\":\"over\"}", owner.token())
                .status())
        .isEqualTo(409);

    String invites = "/chat/servers/" + server + "/invites";
    assertThat(api.post(invites, "{}", owner.token()).status()).isEqualTo(201);
    assertThat(api.post(invites, "{}", owner.token()).status()).isEqualTo(409);
  }
}
