package dev.parley.application.port.in;

import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.user.Email;
import dev.parley.domain.user.RawPassword;
import dev.parley.domain.user.Username;

/** Input of {@link RegisterUserUseCase}; building it validates every field. */
public record RegisterUserCommand(
    Username username, Email email, RawPassword password, String displayName) {

  public static final int MAX_DISPLAY_NAME = 64;

  public RegisterUserCommand {
    if (username == null || password == null) {
      throw new InvalidInput("username", "username and password are required");
    }
    if (displayName != null) {
      displayName = displayName.strip();
      if (displayName.isEmpty()) {
        displayName = null;
      } else if (displayName.length() > MAX_DISPLAY_NAME) {
        throw new InvalidInput(
            "display_name", "display_name must be at most " + MAX_DISPLAY_NAME + " characters");
      }
    }
  }

  /** Validates raw wire values: the username first, then the password, then the rest. */
  public static RegisterUserCommand of(
      String username, String email, String password, String displayName) {
    return new RegisterUserCommand(
        new Username(username),
        Email.ofNullable(email),
        RawPassword.forRegistration(password),
        displayName);
  }
}
