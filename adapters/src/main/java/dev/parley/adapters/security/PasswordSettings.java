package dev.parley.adapters.security;

import io.micronaut.context.annotation.ConfigurationProperties;

/** How passwords are hashed: bcrypt's work factor and how many hashes may run at once. */
@ConfigurationProperties("parley.security")
public class PasswordSettings {
  private int bcryptCost = 10;
  private int bcryptConcurrency;

  /** 2^cost rounds; 10 is about 80 ms on one core. */
  public int getBcryptCost() {
    return bcryptCost;
  }

  public void setBcryptCost(int bcryptCost) {
    this.bcryptCost = bcryptCost;
  }

  /** 0 (or less) means half the cores, at least 1, so a login burst leaves cores to delivery. */
  public int getBcryptConcurrency() {
    return bcryptConcurrency;
  }

  public void setBcryptConcurrency(int bcryptConcurrency) {
    this.bcryptConcurrency = bcryptConcurrency;
  }
}
