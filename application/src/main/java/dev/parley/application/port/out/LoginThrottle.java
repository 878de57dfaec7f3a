package dev.parley.application.port.out;

/**
 * Bounds password guesses per account, so a name cannot be brute-forced however many addresses the
 * guesses come from. Keys are case-folded usernames; the allowance refills over time, so the real
 * owner is slowed down during an attack but never locked out for good.
 */
public interface LoginThrottle {

  /** No limit at all (unit tests, and callers that have not wired one). */
  LoginThrottle NONE =
      new LoginThrottle() {
        @Override
        public void attempt(String key) {}

        @Override
        public void succeeded(String key) {}
      };

  /**
   * Takes one attempt from the key's allowance before any password work is done; throws {@link
   * dev.parley.domain.error.RateLimited} when none is left. Taken up front rather than on failure
   * so parallel guesses cannot all slip through before the first failure is counted.
   */
  void attempt(String key);

  /** Gives the attempt back: only failed logins count against an account. */
  void succeeded(String key);
}
