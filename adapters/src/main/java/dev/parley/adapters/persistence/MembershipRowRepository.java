package dev.parley.adapters.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** Generated SQL access to {@code memberships}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface MembershipRowRepository extends GenericRepository<MembershipRow, MembershipKey> {
  MembershipRow save(MembershipRow row);

  Optional<MembershipRow> findById(MembershipKey id);

  @Query("DELETE FROM memberships WHERE server_id = :serverId AND user_id = :userId")
  int remove(long serverId, long userId);

  /** Counting stops one past the limit, so a huge server costs no more than a small one. */
  @Query(
      "SELECT m.server_id FROM memberships m WHERE m.user_id = :userId AND (SELECT count(*) FROM"
          + " (SELECT 1 FROM memberships x WHERE x.server_id = m.server_id LIMIT :maxMembers + 1)"
          + " counted) <= :maxMembers ORDER BY m.server_id")
  List<Long> smallServerIdsOf(long userId, int maxMembers);

  @Query("SELECT server_id FROM memberships WHERE user_id = :userId ORDER BY server_id")
  List<Long> serverIdsOf(long userId);
}
