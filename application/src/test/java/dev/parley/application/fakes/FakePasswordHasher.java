package dev.parley.application.fakes;

import dev.parley.application.port.out.PasswordHasher;
import dev.parley.domain.user.RawPassword;
import java.util.concurrent.atomic.AtomicInteger;

/** A fast, reversible stand-in for a real hasher that counts its calls. */
public class FakePasswordHasher implements PasswordHasher {
  public final AtomicInteger checks = new AtomicInteger();

  @Override
  public String hash(RawPassword password) {
    return "fake$" + new StringBuilder(password.reveal()).reverse();
  }

  @Override
  public boolean matches(RawPassword password, String hash) {
    checks.incrementAndGet();
    return hash(password).equals(hash);
  }
}
