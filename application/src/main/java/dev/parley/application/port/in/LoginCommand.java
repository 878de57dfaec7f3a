package dev.parley.application.port.in;

import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.user.RawPassword;

/**
 * Input of {@link LoginUseCase}. The username is not format-checked: unknown is just unknown. The
 * address is the client's, which failed guesses are counted against ("unknown" when not known).
 */
public record LoginCommand(String username, RawPassword password, String address) {
  public LoginCommand {
    if (username == null || username.isBlank()) {
      throw new InvalidInput("username", "username is required");
    }
    if (password == null) {
      throw new InvalidInput("password", "password is required");
    }
    username = username.strip();
    address = address == null || address.isBlank() ? "unknown" : address;
  }

  public LoginCommand(String username, RawPassword password) {
    this(username, password, null);
  }

  public static LoginCommand of(String username, String password) {
    return of(username, password, null);
  }

  public static LoginCommand of(String username, String password, String address) {
    if (username == null || username.isBlank()) {
      throw new InvalidInput("username", "username is required");
    }
    return new LoginCommand(username, RawPassword.forLogin(password), address);
  }
}
