package dev.parley.adapters.persistence;

import dev.parley.application.port.out.InviteRepository;
import dev.parley.domain.server.Invite;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * {@link InviteRepository} on PostgreSQL. A use is one conditional {@code UPDATE}: the row lock
 * makes concurrent uses re-check the conditions, so an invite is never used beyond its limit.
 */
@Singleton
public class JdbcInviteRepository implements InviteRepository {
  private static final String USE =
      "UPDATE invites SET uses = uses + 1"
          + " WHERE code = ? AND revoked_at IS NULL"
          + " AND (expires_at IS NULL OR expires_at > ?)"
          + " AND (max_uses IS NULL OR uses < max_uses)"
          + " RETURNING *";

  private final InviteRowRepository rows;
  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;

  JdbcInviteRepository(
      InviteRowRepository rows, JdbcOperations jdbc, TransactionOperations<Connection> tx) {
    this.rows = rows;
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @Override
  public Invite create(Invite invite) {
    InviteRow row =
        new InviteRow(
            invite.code(),
            invite.serverId(),
            invite.createdBy(),
            invite.createdAt(),
            invite.expiresAt(),
            invite.maxUses(),
            invite.uses(),
            invite.revokedAt());
    try {
      return toDomain(rows.save(row));
    } catch (DataAccessException e) {
      if (SqlErrors.isForeignKeyViolation(e)) {
        throw new IllegalStateException(
            "No server " + invite.serverId() + " or user " + invite.createdBy(), e);
      }
      throw e;
    }
  }

  @Override
  public Optional<Invite> find(String code) {
    return rows.findById(code).map(JdbcInviteRepository::toDomain);
  }

  @Override
  public List<Invite> listByServer(long serverId) {
    return rows.listByServer(serverId).stream().map(JdbcInviteRepository::toDomain).toList();
  }

  @Override
  public Optional<Invite> use(String code, Instant now) {
    return tx.executeWrite(
        status ->
            jdbc.prepareStatement(
                USE,
                statement -> {
                  statement.setString(1, code);
                  statement.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                  try (ResultSet rs = statement.executeQuery()) {
                    return rs.next()
                        ? Optional.of(toDomain(jdbc.readEntity(rs, InviteRow.class)))
                        : Optional.<Invite>empty();
                  }
                }));
  }

  @Override
  public boolean revoke(String code, Instant at) {
    return rows.revoke(code, at) > 0;
  }

  static Invite toDomain(InviteRow row) {
    return new Invite(
        row.code(),
        row.serverId(),
        row.createdBy(),
        row.createdAt(),
        row.expiresAt(),
        row.maxUses(),
        row.uses(),
        row.revokedAt());
  }
}
