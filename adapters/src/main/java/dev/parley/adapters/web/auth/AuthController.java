package dev.parley.adapters.web.auth;

import dev.parley.adapters.web.auth.AuthDtos.LoginRequest;
import dev.parley.adapters.web.auth.AuthDtos.RegisterRequest;
import dev.parley.adapters.web.auth.AuthDtos.TokenResponse;
import dev.parley.adapters.web.auth.AuthDtos.UserResponse;
import dev.parley.adapters.web.support.Bodies;
import dev.parley.adapters.web.support.Caller;
import dev.parley.application.port.in.GetUserUseCase;
import dev.parley.application.port.in.LoginCommand;
import dev.parley.application.port.in.LoginUseCase;
import dev.parley.application.port.in.RegisterUserCommand;
import dev.parley.application.port.in.RegisterUserUseCase;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;

/**
 * Account routes of the native and classic (seed 003) surfaces, plus the {@code /api/auth} routes
 * of seeds 002 and 004. All of them run the same use cases.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Accounts")
public class AuthController {
  private final RegisterUserUseCase register;
  private final LoginUseCase login;
  private final GetUserUseCase users;
  private final Clock clock;

  AuthController(
      RegisterUserUseCase register, LoginUseCase login, GetUserUseCase users, Clock clock) {
    this.register = register;
    this.login = login;
    this.users = users;
    this.clock = clock;
  }

  /** Creates an account (native and seed 003). */
  @Post("/auth/register")
  @Status(HttpStatus.CREATED)
  @Secured(SecurityRule.IS_ANONYMOUS)
  public UserResponse register(@Body @Nullable RegisterRequest body) {
    return doRegister(body);
  }

  /** Creates an account (seed 004). */
  @Post("/api/auth/signup")
  @Status(HttpStatus.CREATED)
  @Secured(SecurityRule.IS_ANONYMOUS)
  public UserResponse signup(@Body @Nullable RegisterRequest body) {
    return doRegister(body);
  }

  /** Logs in with a JSON body (native, seeds 002 and 004). */
  @Post(value = "/auth/login", consumes = MediaType.APPLICATION_JSON)
  @Secured(SecurityRule.IS_ANONYMOUS)
  public TokenResponse login(@Body @Nullable LoginRequest body) {
    return doLogin(body);
  }

  /** Logs in with an OAuth2 password form (seed 003). */
  @Post(value = "/auth/login", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  @Secured(SecurityRule.IS_ANONYMOUS)
  public TokenResponse loginForm(@Body @Nullable LoginRequest body) {
    return doLogin(body);
  }

  /** Logs in with a JSON body (seeds 002 and 004). */
  @Post(value = "/api/auth/login", consumes = MediaType.APPLICATION_JSON)
  @Secured(SecurityRule.IS_ANONYMOUS)
  public TokenResponse apiLogin(@Body @Nullable LoginRequest body) {
    return doLogin(body);
  }

  /** The caller's account (seed 003). */
  @Get("/users/me")
  @Secured(SecurityRule.IS_AUTHENTICATED)
  public UserResponse me(Authentication authentication) {
    return UserResponse.from(users.getUser(Caller.id(authentication)));
  }

  /** The caller's account (seed 004). */
  @Get("/api/auth/me")
  @Secured(SecurityRule.IS_AUTHENTICATED)
  public UserResponse apiMe(Authentication authentication) {
    return me(authentication);
  }

  private UserResponse doRegister(RegisterRequest body) {
    Bodies.require(body);
    return UserResponse.from(
        register.register(
            RegisterUserCommand.of(
                body.username(), body.email(), body.password(), body.displayName())));
  }

  private TokenResponse doLogin(LoginRequest body) {
    Bodies.require(body);
    return TokenResponse.from(
        login.login(LoginCommand.of(body.username(), body.password())), clock);
  }
}
