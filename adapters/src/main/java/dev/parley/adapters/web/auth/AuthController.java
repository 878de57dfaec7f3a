package dev.parley.adapters.web.auth;

import dev.parley.adapters.web.auth.AuthDtos.Deactivation;
import dev.parley.adapters.web.auth.AuthDtos.LoginRequest;
import dev.parley.adapters.web.auth.AuthDtos.LogoutRequest;
import dev.parley.adapters.web.auth.AuthDtos.PasswordChange;
import dev.parley.adapters.web.auth.AuthDtos.RefreshRequest;
import dev.parley.adapters.web.auth.AuthDtos.RegisterRequest;
import dev.parley.adapters.web.auth.AuthDtos.TicketResponse;
import dev.parley.adapters.web.auth.AuthDtos.TokenResponse;
import dev.parley.adapters.web.auth.AuthDtos.UserResponse;
import dev.parley.adapters.web.support.Bodies;
import dev.parley.adapters.web.support.Caller;
import dev.parley.adapters.web.support.ClientAddress;
import dev.parley.application.port.in.GetUserUseCase;
import dev.parley.application.port.in.LoginCommand;
import dev.parley.application.port.in.LoginUseCase;
import dev.parley.application.port.in.RegisterUserCommand;
import dev.parley.application.port.in.RegisterUserUseCase;
import dev.parley.application.port.in.SessionsUseCase;
import dev.parley.application.port.in.SessionsUseCase.SocketTicket;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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
import java.time.Duration;

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
  private final SessionsUseCase sessions;
  private final Clock clock;
  private final ClientAddress addresses;

  AuthController(
      RegisterUserUseCase register,
      LoginUseCase login,
      GetUserUseCase users,
      SessionsUseCase sessions,
      Clock clock,
      ClientAddress addresses) {
    this.addresses = addresses;
    this.sessions = sessions;
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
  public TokenResponse login(HttpRequest<?> request, @Body @Nullable LoginRequest body) {
    return doLogin(request, body);
  }

  /** Logs in with an OAuth2 password form (seed 003). */
  @Post(value = "/auth/login", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  @Secured(SecurityRule.IS_ANONYMOUS)
  public TokenResponse loginForm(HttpRequest<?> request, @Body @Nullable LoginRequest body) {
    return doLogin(request, body);
  }

  /** Logs in with a JSON body (seeds 002 and 004). */
  @Post(value = "/api/auth/login", consumes = MediaType.APPLICATION_JSON)
  @Secured(SecurityRule.IS_ANONYMOUS)
  public TokenResponse apiLogin(HttpRequest<?> request, @Body @Nullable LoginRequest body) {
    return doLogin(request, body);
  }

  /** New access and refresh tokens for a refresh token, which then stops working. */
  @Post("/auth/refresh")
  @Secured(SecurityRule.IS_ANONYMOUS)
  public TokenResponse refresh(@Body @Nullable RefreshRequest body) {
    return TokenResponse.from(sessions.refresh(Bodies.require(body).refreshToken()), clock);
  }

  /** Ends the caller's session (or all of them): its tokens stop working, its sockets close. */
  @Post("/auth/logout")
  @Status(HttpStatus.NO_CONTENT)
  @Secured(SecurityRule.IS_AUTHENTICATED)
  public void logout(Authentication authentication, @Body @Nullable LogoutRequest body) {
    boolean everywhere = body != null && Boolean.TRUE.equals(body.everywhere());
    sessions.logout(Caller.id(authentication), sessionOf(authentication), everywhere);
  }

  /** Changes the password; every session of the user ends, so log in again. */
  @Post("/auth/password")
  @Status(HttpStatus.NO_CONTENT)
  @Secured(SecurityRule.IS_AUTHENTICATED)
  public void changePassword(
      HttpRequest<?> request, Authentication authentication, @Body @Nullable PasswordChange body) {
    PasswordChange change = Bodies.require(body);
    sessions.changePassword(
        Caller.id(authentication),
        change.currentPassword(),
        change.newPassword(),
        addresses.of(request));
  }

  /** A single-use ticket to open one socket within 30 seconds without a token in the URL. */
  @Post("/auth/socket-ticket")
  @Secured(SecurityRule.IS_AUTHENTICATED)
  public TicketResponse socketTicket(Authentication authentication) {
    SocketTicket ticket =
        sessions.socketTicket(Caller.id(authentication), sessionOf(authentication));
    return new TicketResponse(
        ticket.value(),
        Math.max(0, Duration.between(clock.instant(), ticket.expiresAt()).toSeconds()));
  }

  /** Deactivates the caller's account after checking the password; every session ends. */
  @Delete("/users/me")
  @Status(HttpStatus.NO_CONTENT)
  @Secured(SecurityRule.IS_AUTHENTICATED)
  public void deactivate(
      HttpRequest<?> request, Authentication authentication, @Body @Nullable Deactivation body) {
    sessions.deactivate(
        Caller.id(authentication), Bodies.require(body).password(), addresses.of(request));
  }

  private static String sessionOf(Authentication authentication) {
    Object sid = authentication.getAttributes().get("sid");
    return sid == null ? null : sid.toString();
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

  private TokenResponse doLogin(HttpRequest<?> request, LoginRequest body) {
    Bodies.require(body);
    return TokenResponse.from(
        login.login(LoginCommand.of(body.username(), body.password(), addresses.of(request))),
        clock);
  }
}
