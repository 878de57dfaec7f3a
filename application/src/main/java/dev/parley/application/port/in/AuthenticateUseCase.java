package dev.parley.application.port.in;

/**
 * Turns a token whose signature and times were already verified into the user it stands for, or
 * refuses it: ended sessions, deactivated users and spent tickets never authenticate.
 */
public interface AuthenticateUseCase {

  /** What a verified credential claims. */
  sealed interface Credential {
    /** One of Parley's own access tokens. */
    record Own(long userId, String sessionId) implements Credential {}

    /** A token of the configured external issuer; its user is provisioned on first sight. */
    record External(String issuer, String subject, String username) implements Credential {}

    /** A socket ticket as presented (not yet redeemed). */
    record Ticket(String value) implements Credential {}

    /** A bot's token as presented. */
    record Bot(String token) implements Credential {}
  }

  /** The authenticated user; {@code sessionId} is null for external tokens. */
  record Identity(long userId, String username, String sessionId) {}

  /**
   * @throws dev.parley.domain.error.InvalidCredentials when the credential no longer stands for an
   *     active user
   */
  Identity authenticate(Credential credential);
}
