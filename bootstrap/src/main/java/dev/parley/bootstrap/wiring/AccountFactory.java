package dev.parley.bootstrap.wiring;

import dev.parley.adapters.security.TokenSettings;
import dev.parley.application.port.in.AuthenticateUseCase;
import dev.parley.application.port.in.GetUserUseCase;
import dev.parley.application.port.in.LoginUseCase;
import dev.parley.application.port.in.RegisterUserUseCase;
import dev.parley.application.port.out.BotRepository;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.LoginThrottle;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.PasswordHasher;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.SessionRepository;
import dev.parley.application.port.out.SocketTicketStore;
import dev.parley.application.port.out.TokenIssuer;
import dev.parley.application.port.out.Transactions;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.service.AccessGuard;
import dev.parley.application.service.AuthenticationService;
import dev.parley.application.service.BotServices;
import dev.parley.application.service.GetUserService;
import dev.parley.application.service.JoinPublicServer;
import dev.parley.application.service.LoginService;
import dev.parley.application.service.RegisterUserService;
import dev.parley.application.service.SessionServices;
import dev.parley.bootstrap.config.ParleySettings;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/**
 * Builds the account use cases: sign-up, sessions, login, authentication, bots, the public server.
 */
@Factory
class AccountFactory {

  @Singleton
  RegisterUserUseCase registerUser(
      UserRepository users,
      PasswordHasher hasher,
      Transactions tx,
      Clock clock,
      JoinPublicServer joinPublicServer) {
    return new RegisterUserService(users, hasher, tx, clock, List.of(joinPublicServer));
  }

  /** Every account joins the public server; its configured operators join as its ADMINs. */
  @Singleton
  JoinPublicServer joinPublicServer(
      ServerRepository servers,
      MembershipRepository memberships,
      UserRepository users,
      Clock clock,
      ParleySettings settings) {
    return new JoinPublicServer(
        servers, memberships, users, clock, settings.publicServerOperators());
  }

  @Singleton
  BotServices bots(
      AccessGuard guard,
      UserRepository users,
      MembershipRepository memberships,
      BotRepository bots,
      SessionRepository sessions,
      Transactions tx,
      ChatEventPublisher events,
      Clock clock) {
    return new BotServices(guard, users, memberships, bots, sessions, tx, events, clock);
  }

  @Singleton
  SessionServices sessions(
      SessionRepository sessions,
      SocketTicketStore tickets,
      UserRepository users,
      PasswordHasher hasher,
      TokenIssuer tokens,
      ChatEventPublisher events,
      Transactions tx,
      Clock clock,
      TokenSettings settings,
      LoginThrottle throttle) {
    return new SessionServices(
        sessions,
        tickets,
        users,
        hasher,
        tokens,
        events,
        tx,
        clock,
        settings.getRefreshTokenTtl(),
        settings.getSocketTicketTtl(),
        throttle);
  }

  @Singleton
  LoginUseCase login(
      UserRepository users,
      PasswordHasher hasher,
      SessionServices sessions,
      LoginThrottle throttle) {
    return new LoginService(users, hasher, sessions, throttle);
  }

  @Singleton
  AuthenticateUseCase authenticate(
      SessionRepository sessions,
      SocketTicketStore tickets,
      UserRepository users,
      Transactions tx,
      Clock clock,
      JoinPublicServer joinPublicServer) {
    return new AuthenticationService(
        sessions, tickets, users, tx, clock, List.of(joinPublicServer));
  }

  @Singleton
  GetUserUseCase getUser(UserRepository users) {
    return new GetUserService(users);
  }
}
