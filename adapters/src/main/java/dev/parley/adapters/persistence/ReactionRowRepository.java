package dev.parley.adapters.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/** Generated SQL access to {@code reactions}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ReactionRowRepository extends GenericRepository<ReactionRow, ReactionKey> {
  @Query(
      "DELETE FROM reactions"
          + " WHERE message_id = :messageId AND user_id = :userId AND emoji = :emoji")
  int remove(long messageId, long userId, String emoji);

  @Query("SELECT COUNT(*) FROM reactions WHERE message_id = :messageId AND emoji = :emoji")
  long count(long messageId, String emoji);
}
