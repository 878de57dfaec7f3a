package dev.parley.bootstrap.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Browser;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Makes the README's screenshots of the web client, on the demo data, when asked with {@code
 * -Dparley.screenshots=<directory>}; skipped otherwise.
 */
@MicronautTest(transactional = false)
class WebClientScreenshots extends ApiTestBase {
  private static final String DIR = System.getProperty("parley.screenshots");

  @Override
  protected Map<String, String> extraProperties() {
    return Map.of("parley.demo-data", "true");
  }

  @Test
  void mainScreens() {
    assumeTrue(DIR != null && Browser.available(), "only with -Dparley.screenshots=<dir>");
    Path dir = Path.of(DIR);
    String admin = token("admin", "admin123");
    long general = serverId(admin, "General Discussion");
    for (JsonNode c : api.get("/chat/servers/" + general + "/channels", admin).json().values()) {
      String category = c.get("type").getStringValue().equals("VOICE") ? "Voice" : "Text channels";
      api.patch(
          "/chat/servers/" + general + "/channels/" + c.get("id").getLongValue(),
          "{\"category\":\"" + category + "\"}",
          admin);
    }

    try (Browser one = new Browser(server.getURI()).open();
        Browser two = new Browser(server.getURI()).open()) {
      try {
        shoot(dir, one, two);
      } catch (RuntimeException | AssertionError e) {
        one.screenshot(Path.of("target/browser-failures/screenshots-one.png"));
        two.screenshot(Path.of("target/browser-failures/screenshots-two.png"));
        throw e;
      }
    }
  }

  private void shoot(Path dir, Browser one, Browser two) {
    String admin = token("admin", "admin123");
    one.type(By.id("login-username"), "user1");
    one.screenshot(dir.resolve("login.png"));
    one.login("user1", "password123");
    two.login("user2", "password123");
    for (Browser b : new Browser[] {one, two}) {
      b.click(By.cssSelector("button[aria-label='General Discussion']"));
      b.awaitText(By.id("channel-title"), "# general");
    }
    two.sendMessage("Hey everyone! Back from the trip ✈");
    one.awaitMessage("Hey everyone! Back from the trip ✈");
    one.sendMessage("Welcome back @user2! How was it?");
    two.sendMessage("Great, photos coming later.\nThe <b>food</b> was amazing.");
    one.messageAction("Hey everyone! Back from the trip ✈", "act-react");
    two.messageAction("Welcome back @user2! How was it?", "act-reply");
    two.sendMessage("Sunny all week ☀️");
    one.awaitMessage("Sunny all week ☀️");
    long gaming = serverId(admin, "Gaming Hub");
    JsonNode gamingGeneral = api.get("/chat/servers/" + gaming + "/channels", admin).json().get(0);
    api.post(
        "/chat/servers/"
            + gaming
            + "/channels/"
            + gamingGeneral.get("id").getLongValue()
            + "/messages",
        "{\"text\":\"Game night on Friday?\"}",
        admin);
    two.typeMessage("Here they are");
    one.awaitText(By.id("typing"), "user2 is typing");
    one.find(By.cssSelector(".server .badge"));
    one.screenshot(dir.resolve("chat.png"));
    two.find(By.id("composer-input")).clear();

    one.click(By.cssSelector(".member button[aria-label='Message user2']"));
    one.awaitText(By.id("channel-title"), "@ user2");
    one.sendMessage("Lunch tomorrow?");
    two.click(By.cssSelector(".server[data-server-id=dm]"));
    two.click(By.xpath("//button[contains(@class,'channel')][span[text()='@ user1']]"));
    two.awaitMessage("Lunch tomorrow?");
    two.sendMessage("Sure, 12:30 at the usual place?");
    one.awaitMessage("Sure, 12:30 at the usual place?");
    one.screenshot(dir.resolve("dm.png"));

    for (Browser b : new Browser[] {one, two}) {
      b.click(By.cssSelector("button[aria-label='General Discussion']"));
      b.awaitText(By.id("channel-title"), "# general");
    }
    one.messageAction("Hey everyone! Back from the trip ✈", "act-thread");
    one.awaitText(By.id("channel-title"), "🧵 Hey everyone! Back from the trip ✈");
    one.sendMessage("Where did you go?");
    two.await()
        .until(
            d ->
                two.awaitInMessage("Hey everyone! Back from the trip ✈", ".thread-link")
                    .getText()
                    .contains("1 reply"));
    two.click(By.cssSelector("#messages .thread-link"));
    two.awaitMessage("Where did you go?");
    two.sendMessage("Lisbon, then Porto 🚆");
    one.awaitMessage("Lisbon, then Porto 🚆");
    one.screenshot(dir.resolve("thread.png"));
    one.click(By.id("thread-back"));
    one.awaitText(By.id("channel-title"), "# general");
    one.awaitInMessage("Hey everyone! Back from the trip ✈", ".thread-link");
    one.screenshot(dir.resolve("threads.png"));
  }

  private String token(String username, String password) {
    return api.post(
            "/auth/login",
            "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}",
            null)
        .json()
        .get("access_token")
        .getStringValue();
  }

  private long serverId(String token, String name) {
    for (JsonNode s : api.get("/chat/servers", token).json().values()) {
      if (s.get("name").getStringValue().equals(name)) {
        return s.get("id").getLongValue();
      }
    }
    throw new IllegalStateException("no server " + name);
  }
}
