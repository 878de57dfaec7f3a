package dev.parley.adapters.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Generated SQL access to {@code users}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface UserRowRepository extends CrudRepository<UserRow, Long> {
  Optional<UserRow> findByUsernameKey(String usernameKey);

  List<UserRow> findByIdIn(Collection<Long> ids);

  List<UserRow> findByUsernameKeyIn(Collection<String> usernameKeys);

  Optional<UserRow> findByExternalIssuerAndExternalSubject(
      String externalIssuer, String externalSubject);

  @Query("UPDATE users SET password_hash = :passwordHash WHERE id = :id")
  void updatePassword(long id, String passwordHash);

  @Query("UPDATE users SET active = FALSE WHERE id = :id")
  void deactivate(long id);
}
