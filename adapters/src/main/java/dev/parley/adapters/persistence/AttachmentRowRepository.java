package dev.parley.adapters.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** Generated SQL access to {@code attachments}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface AttachmentRowRepository extends GenericRepository<AttachmentRow, Long> {
  AttachmentRow save(AttachmentRow row);

  Optional<AttachmentRow> findById(long id);
}
