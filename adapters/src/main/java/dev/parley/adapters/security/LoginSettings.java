package dev.parley.adapters.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The login throttles: failed password checks per account and address, per account, per address.
 */
@ConfigurationProperties("parley.security.login")
public class LoginSettings {
  private long maxFailuresPerAccountAndAddress = 10;
  private Duration failureWindow = Duration.ofMinutes(15);
  private long maxFailuresPerAccount = 20;
  private Duration accountFailureWindow = Duration.ofMinutes(15);
  private Duration ceilingDelay = Duration.ofSeconds(1);
  private long maxAttemptsPerAddress = 30;
  private Duration addressWindow = Duration.ofMinutes(1);

  public long getMaxFailuresPerAccountAndAddress() {
    return maxFailuresPerAccountAndAddress;
  }

  public void setMaxFailuresPerAccountAndAddress(long maxFailuresPerAccountAndAddress) {
    this.maxFailuresPerAccountAndAddress = maxFailuresPerAccountAndAddress;
  }

  public Duration getFailureWindow() {
    return failureWindow;
  }

  public void setFailureWindow(Duration failureWindow) {
    this.failureWindow = failureWindow;
  }

  /** The account-wide ceiling: only a slow-down, so the owner is never locked out by others. */
  public long getMaxFailuresPerAccount() {
    return maxFailuresPerAccount;
  }

  public void setMaxFailuresPerAccount(long maxFailuresPerAccount) {
    this.maxFailuresPerAccount = maxFailuresPerAccount;
  }

  public Duration getAccountFailureWindow() {
    return accountFailureWindow;
  }

  public void setAccountFailureWindow(Duration accountFailureWindow) {
    this.accountFailureWindow = accountFailureWindow;
  }

  /** What a clean address waits past the account-wide ceiling, instead of a 429. */
  public Duration getCeilingDelay() {
    return ceilingDelay;
  }

  public void setCeilingDelay(Duration ceilingDelay) {
    this.ceilingDelay = ceilingDelay;
  }

  /** Login attempts, failed or not, per client address. */
  public long getMaxAttemptsPerAddress() {
    return maxAttemptsPerAddress;
  }

  public void setMaxAttemptsPerAddress(long maxAttemptsPerAddress) {
    this.maxAttemptsPerAddress = maxAttemptsPerAddress;
  }

  public Duration getAddressWindow() {
    return addressWindow;
  }

  public void setAddressWindow(Duration addressWindow) {
    this.addressWindow = addressWindow;
  }
}
