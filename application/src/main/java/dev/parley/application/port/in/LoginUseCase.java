package dev.parley.application.port.in;

import dev.parley.application.port.out.TokenIssuer.AccessToken;
import dev.parley.domain.user.User;

/** Exchanges credentials for an access token. */
public interface LoginUseCase {

  /** The token and the account it names. */
  record LoginResult(AccessToken token, User user) {}

  LoginResult login(LoginCommand command);
}
