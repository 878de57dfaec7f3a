package dev.parley.adapters.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** Generated SQL access to {@code bans}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface BanRowRepository extends GenericRepository<BanRow, BanKey> {
  Optional<BanRow> findById(BanKey id);

  @Query("DELETE FROM bans WHERE server_id = :serverId AND user_id = :userId")
  int remove(long serverId, long userId);

  @Query("SELECT * FROM bans WHERE server_id = :serverId ORDER BY created_at, user_id")
  List<BanRow> list(long serverId);
}
