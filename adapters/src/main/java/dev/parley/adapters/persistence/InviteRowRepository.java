package dev.parley.adapters.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Generated SQL access to {@code invites}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface InviteRowRepository extends GenericRepository<InviteRow, String> {
  InviteRow save(InviteRow row);

  Optional<InviteRow> findById(String code);

  // COLLATE "C" breaks ties by code point order, as the in-memory fake does.
  @Query(
      "SELECT * FROM invites WHERE server_id = :serverId"
          + " ORDER BY created_at DESC, code COLLATE \"C\" DESC")
  List<InviteRow> listByServer(long serverId);

  /** Keeps the time of the first revocation. */
  @Query("UPDATE invites SET revoked_at = COALESCE(revoked_at, :at) WHERE code = :code")
  int revoke(String code, Instant at);
}
