package dev.parley.adapters.persistence;

import dev.parley.application.port.out.BanRepository;
import dev.parley.domain.server.Ban;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * {@link BanRepository} on PostgreSQL. An existing ban is kept by {@code ON CONFLICT} rather than
 * caught as a unique violation, which would abort a caller's transaction.
 */
@Singleton
public class JdbcBanRepository implements BanRepository {
  private static final String ADD =
      "INSERT INTO bans (server_id, user_id, banned_by, reason, created_at) VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT DO NOTHING";

  private final BanRowRepository rows;
  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;

  JdbcBanRepository(
      BanRowRepository rows, JdbcOperations jdbc, TransactionOperations<Connection> tx) {
    this.rows = rows;
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @Override
  public void add(Ban ban) {
    try {
      tx.executeWrite(
          status ->
              jdbc.prepareStatement(
                  ADD,
                  statement -> {
                    statement.setLong(1, ban.serverId());
                    statement.setLong(2, ban.userId());
                    if (ban.bannedBy() == null) {
                      statement.setNull(3, Types.BIGINT);
                    } else {
                      statement.setLong(3, ban.bannedBy());
                    }
                    statement.setString(4, ban.reason());
                    statement.setObject(
                        5, OffsetDateTime.ofInstant(ban.createdAt(), ZoneOffset.UTC));
                    return statement.executeUpdate();
                  }));
    } catch (DataAccessException e) {
      if (SqlErrors.isForeignKeyViolation(e)) {
        throw new IllegalStateException(
            "No server " + ban.serverId() + " or user " + ban.userId() + " or " + ban.bannedBy(),
            e);
      }
      throw e;
    }
  }

  @Override
  public Optional<Ban> find(long serverId, long userId) {
    return rows.findById(new BanKey(serverId, userId)).map(JdbcBanRepository::toDomain);
  }

  @Override
  public boolean remove(long serverId, long userId) {
    return rows.remove(serverId, userId) > 0;
  }

  @Override
  public List<Ban> list(long serverId) {
    return rows.list(serverId).stream().map(JdbcBanRepository::toDomain).toList();
  }

  static Ban toDomain(BanRow row) {
    return new Ban(
        row.id().serverId(), row.id().userId(), row.bannedBy(), row.reason(), row.createdAt());
  }
}
