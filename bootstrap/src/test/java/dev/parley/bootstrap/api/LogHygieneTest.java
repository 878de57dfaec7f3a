package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Whatever is logged while clients use tokens and passwords contains neither. */
@MicronautTest(transactional = false)
class LogHygieneTest extends ApiTestBase {
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private Logger root;

  @BeforeEach
  void capture() {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    captured.start();
    root.addAppender(captured);
  }

  @AfterEach
  void release() {
    root.detachAppender(captured);
  }

  @Test
  void tokensAndPasswordsNeverReachTheLogs() {
    String password = "Sup3r-Secret-Passw0rd";
    String name = Api.uniqueName("logged");
    api.post(
        "/auth/register",
        "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}",
        null);
    api.postForm("/auth/login", "username=" + name + "&password=" + password);
    api.post(
        "/auth/login",
        "{\"username\":\"" + name + "\",\"password\":\"wrong-" + password + "\"}",
        null);
    var login =
        api.post(
                "/auth/login",
                "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}",
                null)
            .json();
    String firstRefresh = login.get("refresh_token").getStringValue();
    var refreshed =
        api.post("/auth/refresh", "{\"refresh_token\":\"" + firstRefresh + "\"}", null).json();
    String token = refreshed.get("access_token").getStringValue();
    String refresh = refreshed.get("refresh_token").getStringValue();
    String ticket =
        api.post("/auth/socket-ticket", "", token).json().get("ticket").getStringValue();
    try (WsClient ws = WsClient.connect(api.base(), "/chat/ws?ticket=" + ticket)) {
      ws.await("connected");
    }
    WsClient.upgradeStatus(api.base(), "/chat/ws?ticket=" + ticket);
    api.get("/users/me", token);
    api.get("/users/me?token=" + token, null);
    api.get("/chat/servers", token);
    api.get("/nowhere?token=" + token, token);
    try (WsClient ws = WsClient.connect(api.base(), "/chat/ws?token=" + token)) {
      ws.await("connected");
      ws.send("{\"type\":\"send_message\",\"channelId\":999999,\"text\":\"x\"}");
      ws.await("error");
    }
    WsClient.upgradeStatus(api.base(), "/chat/ws?token=" + token + "x");
    // Invite codes travel in the path: preview, join and revoke must not print them.
    long server =
        api.post("/chat/servers", "{\"name\":\"logged\"}", token).json().get("id").getLongValue();
    String code =
        api.post("/chat/servers/" + server + "/invites", "{}", token)
            .json()
            .get("code")
            .getStringValue();
    Api.Session guest = api.newUser("guest");
    api.get("/chat/invites/" + code, guest.token());
    api.post("/chat/invites/" + code + "/join", null, guest.token());
    api.delete("/chat/invites/" + code, token);

    List<String> lines =
        captured.list.stream()
            .map(e -> e.getFormattedMessage() + " " + e.getThrowableProxy())
            .toList();
    assertThat(lines).as("something was logged").isNotEmpty();
    assertThat(lines).anyMatch(l -> l.contains("/chat/ws"));
    String signature = token.substring(token.lastIndexOf('.') + 1);
    for (String line : lines) {
      assertThat(line)
          .doesNotContain(token)
          .doesNotContain(signature)
          .doesNotContain(password)
          .doesNotContain(firstRefresh.substring(firstRefresh.indexOf('.') + 1))
          .doesNotContain(refresh.substring(refresh.indexOf('.') + 1))
          .doesNotContain(ticket)
          .doesNotContain(code);
    }
    assertThat(lines).anyMatch(l -> l.contains("/chat/invites/***/join"));
  }
}
