package dev.parley.adapters.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;

/** Generated SQL access to {@code servers}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ServerRowRepository extends CrudRepository<ServerRow, Long> {
  @Query("SELECT * FROM servers WHERE is_public")
  Optional<ServerRow> findPublic();
}
