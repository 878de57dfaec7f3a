package dev.parley.application.port.in;

import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.user.RawPassword;

/** Input of {@link LoginUseCase}. The username is not format-checked: unknown is just unknown. */
public record LoginCommand(String username, RawPassword password) {
  public LoginCommand {
    if (username == null || username.isBlank()) {
      throw new InvalidInput("username", "username is required");
    }
    if (password == null) {
      throw new InvalidInput("password", "password is required");
    }
    username = username.strip();
  }

  public static LoginCommand of(String username, String password) {
    if (username == null || username.isBlank()) {
      throw new InvalidInput("username", "username is required");
    }
    return new LoginCommand(username, RawPassword.forLogin(password));
  }
}
