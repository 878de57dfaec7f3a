package dev.parley.application.port.out;

/**
 * Bounds password guesses while keeping the owner in: failures count per account and client
 * address, so the address that guesses is the one refused. An account-wide ceiling only slows
 * guessing spread over many addresses: past it, an address that already failed for the account is
 * refused, and one that has not (the owner, elsewhere) still gets its try, perhaps a little later.
 * Accounts are case-folded usernames. Login and every current-password check share the allowance.
 */
public interface LoginThrottle {

  /** No limit at all (unit tests, and callers that have not wired one). */
  LoginThrottle NONE =
      new LoginThrottle() {
        @Override
        public void attempt(String account, String address) {}

        @Override
        public void failed(String account, String address) {}

        @Override
        public void succeeded(String account, String address) {}
      };

  /**
   * Takes one attempt from the pair's allowance before any password work is done; throws {@link
   * dev.parley.domain.error.RateLimited} when none is left (or the account is past its ceiling and
   * this address already failed). Taken up front rather than on failure so parallel guesses cannot
   * all slip through before the first failure is counted.
   */
  void attempt(String account, String address);

  /** The password was wrong: counts towards the account-wide ceiling. */
  void failed(String account, String address);

  /** The password was right: gives the attempt back, only failures count. */
  void succeeded(String account, String address);
}
