package dev.parley.bootstrap.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium window on the web client, driven through the system's chromedriver: the
 * driver and browser paths are given explicitly, so Selenium Manager never downloads anything.
 */
public final class Browser implements AutoCloseable {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final WebDriverWait wait;
  private final URI base;

  /** Whether this machine can run the browser tests. */
  public static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  public Browser(URI base) {
    this.base = base;
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,800",
        "--lang=en-US");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    this.driver = new ChromeDriver(service, options);
    this.driver.manage().window().setSize(new Dimension(1280, 800));
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    this.wait.ignoring(StaleElementReferenceException.class);
    this.wait.ignoring(ElementClickInterceptedException.class);
  }

  public ChromeDriver driver() {
    return driver;
  }

  public Browser open() {
    driver.get(base.resolve("/").toString());
    return this;
  }

  public void reload() {
    driver.navigate().refresh();
  }

  /** Registers through the login form and waits for the socket to be live. */
  public Browser register(String username, String password) {
    type(By.id("login-username"), username);
    type(By.id("login-password"), password);
    click(By.id("register-button"));
    awaitLive();
    return this;
  }

  public Browser login(String username, String password) {
    type(By.id("login-username"), username);
    type(By.id("login-password"), password);
    click(By.id("login-button"));
    awaitLive();
    return this;
  }

  public void awaitLive() {
    wait.until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "live"));
  }

  public WebElement find(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Clicks, looking the element up again if a re-render replaced it meanwhile. */
  public void click(By by) {
    wait.until(
        d -> {
          WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
          if (element == null) {
            return false;
          }
          element.click();
          return true;
        });
  }

  public void type(By by, String text) {
    WebElement input = find(by);
    input.clear();
    input.sendKeys(text);
  }

  /** Fills the open dialog's fields in order and confirms it. */
  public void answerDialog(String... values) {
    List<WebElement> inputs =
        find(By.cssSelector("dialog[open]")).findElements(By.tagName("input"));
    for (int i = 0; i < values.length; i++) {
      inputs.get(i).sendKeys(values[i]);
    }
    click(By.id("dlg-ok"));
  }

  /** Types into the message box without sending. */
  public void typeMessage(String text) {
    find(By.id("composer-input")).sendKeys(text);
  }

  public void sendMessage(String text) {
    WebElement box = find(By.id("composer-input"));
    box.sendKeys(text);
    box.sendKeys(Keys.ENTER);
  }

  /** The texts of the messages shown, oldest first. */
  public List<String> messageTexts() {
    return wait.until(
        d ->
            d.findElements(By.cssSelector("#messages .message:not(.pending) .text")).stream()
                .map(WebElement::getText)
                .toList());
  }

  /** Waits until a message with exactly this text is shown, and returns its element. */
  public WebElement awaitMessage(String text) {
    return wait.until(
        d ->
            d.findElements(By.cssSelector("#messages .message:not(.pending)")).stream()
                .filter(m -> m.findElement(By.cssSelector(".text")).getText().equals(text))
                .findFirst()
                .orElse(null));
  }

  /** Waits until an element's text contains the given text. */
  public void awaitText(By by, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  /** Hovers the message with this text to reveal its actions, then clicks one. */
  public void messageAction(String text, String actionClass) {
    wait.until(
        d -> {
          WebElement message = awaitMessage(text);
          new Actions(driver).moveToElement(message).perform();
          message.findElement(By.cssSelector("." + actionClass)).click();
          return true;
        });
  }

  /** Waits until the message with this text has an element matching css. */
  public WebElement awaitInMessage(String text, String css) {
    return wait.until(
        d ->
            awaitMessage(text).findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
  }

  /** Errors the page logged (script errors, refused loads, policy violations) since last asked. */
  public List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  public WebDriverWait await() {
    return wait;
  }

  /** Saves a PNG of the window. */
  public void screenshot(Path file) {
    try {
      Files.createDirectories(file.getParent());
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
