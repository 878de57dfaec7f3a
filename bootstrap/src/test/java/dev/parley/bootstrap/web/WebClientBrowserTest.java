package dev.parley.bootstrap.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Browser;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web client in two real headless Chromium windows against the whole application: two users
 * meet through the UI (server, channel, invite) and chat live. Skipped, with the reason, where
 * /usr/bin/chromium or /usr/bin/chromedriver is missing.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebClientBrowserTest extends ApiTestBase {
  private static final String PASSWORD = "password123";

  /** On a failure, what each window showed: target/browser-failures/<test>-<user>.png. */
  @RegisterExtension
  final AfterTestExecutionCallback screenshotOnFailure =
      context -> {
        if (context.getExecutionException().isPresent()) {
          shootBoth("target/browser-failures/" + context.getDisplayName().replaceAll("\\W", ""));
        }
      };

  private Browser alice;
  private Browser bob;

  @Override
  protected Map<String, String> extraProperties() {
    // Event webhooks to this machine may be made (none is sent: delivery is off).
    return Map.of("parley.webhooks.allowed-hosts", "127.0.0.1", "parley.webhooks.enabled", "false");
  }

  private String aliceName;
  private String bobName;

  @BeforeAll
  void twoUsersMeetInTheirOwnServer() {
    assumeTrue(
        Browser.available(),
        "Browser tests skipped: /usr/bin/chromium and /usr/bin/chromedriver are needed"
            + " (apt-get install chromium chromium-driver)");
    try {
      meet();
    } catch (RuntimeException | AssertionError e) {
      shootBoth("target/browser-failures/setup");
      throw e;
    }
  }

  private void meet() {
    aliceName = Api.uniqueName("alice");
    bobName = Api.uniqueName("bob");
    alice = new Browser(server.getURI()).open().register(aliceName, PASSWORD);
    bob = new Browser(server.getURI()).open().register(bobName, PASSWORD);

    alice.click(By.id("create-server"));
    alice.answerDialog("Book Club");
    alice.awaitText(By.id("server-name"), "Book Club");
    alice.click(By.id("create-channel"));
    alice.answerDialog("general", "Text channels");
    alice.awaitText(By.id("channel-title"), "# general");
    alice.click(By.id("invite"));
    String code = alice.find(By.id("invite-code")).getText();
    alice.click(By.id("dlg-ok"));

    bob.click(By.id("join-invite"));
    bob.answerDialog(code);
    bob.awaitText(By.id("server-name"), "Book Club");
    bob.awaitText(By.id("channel-title"), "# general");
  }

  private void shootBoth(String prefix) {
    if (alice != null) {
      alice.screenshot(Path.of(prefix + "-alice.png"));
    }
    if (bob != null) {
      bob.screenshot(Path.of(prefix + "-bob.png"));
    }
  }

  @AfterAll
  void closeBrowsers() {
    for (Browser b : new Browser[] {alice, bob}) {
      if (b != null) {
        b.close();
      }
    }
  }

  @Test
  @Order(1)
  void twoUsersChatLiveAndSeeEachOtherTyping() {
    alice.typeMessage("Hello B");
    bob.awaitText(By.id("typing"), aliceName + " is typing");
    alice.sendMessage("ob, welcome!");
    bob.awaitMessage("Hello Bob, welcome!");
    bob.await().until(d -> bob.find(By.id("typing")).getText().isEmpty());

    bob.sendMessage("Thanks @" + aliceName);
    WebElement reply = alice.awaitMessage("Thanks @" + aliceName);
    assertThat(reply.getAttribute("class")).contains("mentions-me");
    assertThat(reply.findElement(By.cssSelector(".mention")).getText()).isEqualTo("@" + aliceName);
    assertThat(alice.messageTexts()).containsExactly("Hello Bob, welcome!", "Thanks @" + aliceName);
  }

  @Test
  @Order(2)
  void membersShowPresence() {
    bob.await()
        .until(
            d ->
                d
                    .findElements(By.cssSelector(".member[data-presence=online] .member-name"))
                    .stream()
                    .map(WebElement::getText)
                    .toList()
                    .containsAll(List.of(aliceName, bobName)));
  }

  @Test
  @Order(3)
  void reactEditDeleteAndReplyReachTheOtherWindow() {
    alice.sendMessage("Fist message");
    alice.messageAction("Fist message", "act-edit");
    WebElement edit = alice.find(By.cssSelector(".edit-input"));
    edit.clear();
    edit.sendKeys("First message\n");
    bob.awaitInMessage("First message", ".edited");

    bob.messageAction("First message", "act-react");
    alice
        .await()
        .until(d -> alice.awaitInMessage("First message", ".reaction").getText().equals("👍 1"));

    bob.messageAction("First message", "act-reply");
    assertThat(bob.find(By.id("reply-bar")).getText()).contains("Replying to " + aliceName);
    bob.sendMessage("Replying here");
    assertThat(alice.awaitInMessage("Replying here", ".reply-ref").getText())
        .contains(aliceName + ": First message");

    alice.script("window.confirm = () => true");
    alice.messageAction("First message", "act-delete");
    bob.await()
        .until(
            d ->
                d.findElements(By.cssSelector("#messages .text.deleted")).stream()
                    .anyMatch(e -> e.getText().equals("This message was deleted.")));
  }

  @Test
  @Order(4)
  void pinsShowLiveAsABadgeAndInTheChannelsPinList() {
    alice.sendMessage("Meeting on Friday");
    bob.awaitMessage("Meeting on Friday");
    // A member has no pin action; the server's admin does.
    assertThat(bob.awaitMessage("Meeting on Friday").findElements(By.cssSelector(".act-pin")))
        .isEmpty();
    alice.messageAction("Meeting on Friday", "act-pin");
    assertThat(bob.awaitInMessage("Meeting on Friday", ".pinned-badge").getText())
        .contains("Pinned");

    bob.click(By.id("pins-toggle"));
    bob.awaitText(By.id("pins-list"), "Meeting on Friday");
    assertThat(bob.find(By.id("pins-list")).getText()).contains("Pinned by " + aliceName);

    alice.click(By.id("pins-toggle"));
    alice.awaitText(By.id("pins-list"), "Meeting on Friday");
    alice.click(By.cssSelector("#pins-list .act-unpin"));
    bob.awaitText(By.id("pins-panel"), "Nothing is pinned in this channel yet.");
    bob.await()
        .until(
            d ->
                bob.awaitMessage("Meeting on Friday")
                    .findElements(By.cssSelector(".pinned-badge"))
                    .isEmpty());
    alice.click(By.id("pins-toggle"));
    bob.click(By.id("pins-toggle"));
  }

  @Test
  @Order(4)
  void threadsOpenFromAMessageCountRepliesLiveAndAreFollowed() {
    alice.sendMessage("Plan the next book");
    bob.awaitMessage("Plan the next book");
    bob.messageAction("Plan the next book", "act-thread");
    bob.awaitText(By.id("channel-title"), "🧵 Plan the next book");
    bob.sendMessage("How about Dune?");
    bob.awaitMessage("How about Dune?");

    alice
        .await()
        .until(
            d ->
                alice
                    .awaitInMessage("Plan the next book", ".thread-link")
                    .getText()
                    .contains("1 reply"));
    alice.click(By.cssSelector("#messages .thread-link"));
    alice.awaitText(By.id("channel-title"), "🧵 Plan the next book");
    alice.awaitMessage("How about Dune?");
    // Alice wrote the parent message, so she follows the thread.
    alice.awaitText(By.id("thread-follow"), "Unfollow");
    alice.sendMessage("Yes, Dune!");
    bob.awaitMessage("Yes, Dune!");
    assertThat(bob.messageTexts()).containsExactly("How about Dune?", "Yes, Dune!");

    alice.click(By.id("thread-follow"));
    alice.awaitText(By.id("thread-follow"), "Follow");
    alice.click(By.id("thread-back"));
    alice.awaitText(By.id("channel-title"), "# general");
    assertThat(alice.messageTexts()).doesNotContain("How about Dune?", "Yes, Dune!");
    bob.click(By.id("thread-back"));
    bob.awaitText(By.id("channel-title"), "# general");
    assertThat(bob.awaitInMessage("Plan the next book", ".thread-link").getText())
        .contains("2 replies");
    bob.awaitText(By.id("followed-threads"), "Plan the next book");
  }

  @Test
  @Order(4)
  void anAdminManagesBotsAndWebhooksInTheIntegrationsDialog() {
    String botName = Api.uniqueName("helper");
    alice.click(By.id("integrations"));
    try {
      manageIntegrations(botName);
    } finally {
      // A modal left open would block the next tests.
      alice.script("document.getElementById('integrations-dialog')?.close()");
    }
    // A member has no integrations button.
    assertThat(bob.driver().findElements(By.id("integrations"))).isEmpty();
  }

  private void manageIntegrations(String botName) {
    alice.awaitText(By.id("int-outgoing"), "None yet.");
    alice.type(By.id("int-bot-name"), botName + "\n");
    alice.awaitText(By.id("integration-secret"), "Bot token (shown once): pbt_");
    alice.awaitText(By.id("int-bots"), botName);

    String hookName = Api.uniqueName("ci");
    alice.type(By.id("int-hook-name"), hookName + "\n");
    alice.awaitText(By.id("integration-secret"), "/chat/webhooks/");
    String url = alice.find(By.cssSelector("#integration-secret code")).getText();
    alice.awaitText(By.id("int-hooks"), hookName);
    var posted =
        api.send(
            "POST",
            url.substring(url.indexOf("/chat/webhooks/")),
            "application/json",
            "{\"text\":\"Build passed\"}",
            null);
    assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
    assertThat(bob.awaitInMessage("Build passed", ".webhook-tag").getText()).isEqualTo("WEBHOOK");

    alice.type(By.id("int-outgoing-url"), "http://127.0.0.1:9/hook\n");
    alice.awaitText(By.id("integration-secret"), "Signing secret (shown once):");
    alice.awaitText(By.id("int-outgoing"), "http://127.0.0.1:9/hook (message.created");
    alice.click(By.cssSelector("#int-outgoing .act-delete"));
    alice.awaitText(By.id("int-outgoing"), "None yet.");
    alice.click(
        By.xpath(
            "//section[@id='int-hooks']//li[span[text()='"
                + hookName
                + "']]//button[contains(@class,'act-revoke')]"));
    alice.await().until(d -> !alice.find(By.id("int-hooks")).getText().contains(hookName));
    assertThat(
            api.send(
                    "POST",
                    url.substring(url.indexOf("/chat/webhooks/")),
                    "application/json",
                    "{\"text\":\"again\"}",
                    null)
                .status())
        .isEqualTo(404);
    alice.click(By.id("int-close"));
  }

  @Test
  @Order(4)
  void aBotsMessagesAndMembershipAreTaggedAsABot() {
    String aliceToken = api.login(aliceName);
    long server = bookClubId(aliceToken);
    String botName = Api.uniqueName("robo");
    var created =
        api.post("/chat/servers/" + server + "/bots", "{\"name\":\"" + botName + "\"}", aliceToken);
    assertThat(created.status()).isEqualTo(201);
    String token = created.json().get("token").getStringValue();
    long channel = -1;
    for (var c : api.get("/chat/servers/" + server + "/channels", aliceToken).json().values()) {
      if (c.get("name").getStringValue().equals("general")) {
        channel = c.get("id").getLongValue();
      }
    }
    assertThat(
            api.post(
                    "/chat/servers/" + server + "/channels/" + channel + "/messages",
                    "{\"text\":\"Beep from the bot\"}",
                    token)
                .status())
        .isEqualTo(201);

    assertThat(bob.awaitInMessage("Beep from the bot", ".bot-tag").getText()).isEqualTo("BOT");
    bob.await()
        .until(
            d ->
                d.findElements(By.cssSelector(".member")).stream()
                    .anyMatch(
                        m ->
                            m.getText().contains(botName)
                                && !m.findElements(By.cssSelector(".bot-tag")).isEmpty()));
    // A person's messages carry no tag.
    assertThat(bob.awaitMessage("Replying here").findElements(By.cssSelector(".bot-tag")))
        .isEmpty();
  }

  @Test
  @Order(4)
  void anIncomingWebhooksMessagesShowItsNameAndAWebhookTag() {
    String aliceToken = api.login(aliceName);
    long server = bookClubId(aliceToken);
    long channel = -1;
    for (var c : api.get("/chat/servers/" + server + "/channels", aliceToken).json().values()) {
      if (c.get("name").getStringValue().equals("general")) {
        channel = c.get("id").getLongValue();
      }
    }
    var created =
        api.post("/chat/channels/" + channel + "/webhooks", "{\"name\":\"CI\"}", aliceToken);
    assertThat(created.status()).isEqualTo(201);
    String url = created.json().get("url").getStringValue();
    assertThat(
            api.post(url, "{\"text\":\"Build 42 is green\",\"username\":\"Builder\"}", null)
                .status())
        .isEqualTo(201);

    assertThat(bob.awaitInMessage("Build 42 is green", ".webhook-tag").getText())
        .isEqualTo("WEBHOOK");
    WebElement posted = bob.awaitMessage("Build 42 is green");
    assertThat(posted.findElement(By.cssSelector(".webhook-tag")).getText()).isEqualTo("WEBHOOK");
    assertThat(posted.findElement(By.cssSelector(".author")).getText()).isEqualTo("Builder");
    assertThat(posted.findElements(By.cssSelector(".act-edit"))).isEmpty();
  }

  @Test
  @Order(5)
  void aReloadKeepsTheSessionAndTheHistory() {
    List<String> before = bob.messageTexts();
    bob.reload();
    bob.awaitLive();
    bob.awaitText(By.id("channel-title"), "# general");
    bob.awaitMessage("Replying here");
    assertThat(bob.messageTexts()).isEqualTo(before);
  }

  @Test
  @Order(6)
  void aDroppedConnectionResumesWithoutLosingMessages() {
    bob.script("window.__parley.socket.drop(4000)");
    bob.await()
        .until(
            d -> !"live".equals(bob.find(By.id("connection-status")).getAttribute("data-state")));
    alice.sendMessage("Sent while you were away");
    alice.awaitMessage("Sent while you were away");
    bob.sendMessage("Written while offline");

    bob.awaitLive();
    bob.awaitMessage("Sent while you were away");
    alice.awaitMessage("Written while offline");
    bob.awaitMessage("Written while offline");
    assertThat(alice.messageTexts())
        .containsSubsequence("Sent while you were away", "Written while offline")
        .doesNotHaveDuplicates();
    assertThat(bob.messageTexts()).doesNotHaveDuplicates();
  }

  @Test
  @Order(7)
  void markupInMessagesIsShownAsText() {
    String attack = "<img src=x onerror=\"window.__xss=1\"><b>bold</b>";
    alice.sendMessage(attack);
    WebElement shown = bob.awaitMessage(attack);
    assertThat(shown.findElements(By.tagName("img"))).isEmpty();
    assertThat(shown.findElements(By.tagName("b"))).isEmpty();
    assertThat(bob.script("return window.__xss === undefined")).isEqualTo(true);
    assertThat(alice.script("return window.__xss === undefined")).isEqualTo(true);
  }

  @Test
  @Order(8)
  void unreadBadgesCountWhatOthersSendElsewhereAndDirectMessagesWork() {
    bob.click(By.cssSelector(".server[data-server-id=dm]"));
    alice.sendMessage("Are you there?");
    WebElement badge =
        bob.find(By.cssSelector(".server:not([data-server-id=dm]):not(.add) .badge"));
    assertThat(badge.getText()).isEqualTo("1");

    alice.click(By.cssSelector(".member button[aria-label='Message " + bobName + "']"));
    alice.awaitText(By.id("channel-title"), "@ " + bobName);
    alice.sendMessage("Just between us");
    bob.await().until(d -> !d.findElements(By.cssSelector(".channel[data-channel-id]")).isEmpty());
    bob.click(By.cssSelector(".channel[data-channel-id]"));
    bob.awaitMessage("Just between us");
    bob.sendMessage("Sure");
    alice.awaitMessage("Sure");

    // A conversation's message starts a thread too, seen by both participants only.
    alice.messageAction("Sure", "act-thread");
    alice.awaitText(By.id("channel-title"), "🧵 Sure");
    alice.sendMessage("Threads work in DMs");
    alice.awaitMessage("Threads work in DMs");
    bob.await()
        .until(d -> bob.awaitInMessage("Sure", ".thread-link").getText().contains("1 reply"));
    bob.click(By.cssSelector("#messages .thread-link"));
    bob.awaitMessage("Threads work in DMs");
    bob.awaitText(By.id("followed-threads"), "Sure");
    bob.click(By.id("thread-back"));
    alice.click(By.id("thread-back"));
    alice.awaitText(By.id("channel-title"), "@ " + bobName);
  }

  @Test
  @Order(9)
  void olderHistoryLoadsWhileScrollingUp() {
    String token =
        api.post(
                "/auth/login",
                "{\"username\":\"" + aliceName + "\",\"password\":\"" + PASSWORD + "\"}",
                null)
            .json()
            .get("access_token")
            .getStringValue();
    long serverId = bookClubId(token);
    long channelId =
        api.post("/chat/servers/" + serverId + "/channels", "{\"name\":\"archive\"}", token)
            .json()
            .get("id")
            .getLongValue();
    for (int i = 1; i <= 120; i++) {
      api.post(
          "/chat/servers/" + serverId + "/channels/" + channelId + "/messages",
          "{\"text\":\"history " + i + "\"}",
          token);
    }
    bob.click(By.cssSelector(".server[data-server-id='" + serverId + "']"));
    bob.click(By.cssSelector(".channel[data-channel-id='" + channelId + "']"));
    bob.awaitMessage("history 120");
    assertThat(bob.messageTexts()).hasSize(50).startsWith("history 71");

    bob.await()
        .until(
            d -> {
              bob.script("document.getElementById('messages').scrollTop = 0");
              return bob.messageTexts().size() == 120;
            });
    assertThat(bob.messageTexts()).startsWith("history 1", "history 2").endsWith("history 120");
    bob.awaitText(By.id("messages"), "This is the start of the channel.");
  }

  @Test
  @Order(10)
  void noScriptErrorsNorPolicyViolations() {
    assertThat(alice.consoleErrors()).isEmpty();
    assertThat(bob.consoleErrors()).isEmpty();
  }

  private long bookClubId(String token) {
    for (var s : api.get("/chat/servers", token).json().values()) {
      if (s.get("name").getStringValue().equals("Book Club")) {
        return s.get("id").getLongValue();
      }
    }
    throw new IllegalStateException("Book Club not found");
  }
}
