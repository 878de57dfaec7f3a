package dev.parley.adapters.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** Generated SQL access to {@code messages}; pages walk the (channel_id, seq) index. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface MessageRowRepository extends GenericRepository<MessageRow, Long> {
  Optional<MessageRow> findById(long id);

  Optional<MessageRow> findByAuthorIdAndNonce(long authorId, String nonce);

  @Query(
      "SELECT * FROM messages WHERE channel_id = :channelId"
          + " ORDER BY seq DESC LIMIT :limit OFFSET :offset")
  List<MessageRow> newestFirst(long channelId, int limit, int offset);

  @Query(
      "SELECT * FROM messages WHERE channel_id = :channelId AND seq < :seq"
          + " ORDER BY seq DESC LIMIT :limit")
  List<MessageRow> newestFirstBefore(long channelId, long seq, int limit);

  @Query(
      "SELECT * FROM messages WHERE channel_id = :channelId AND seq > :seq"
          + " ORDER BY seq LIMIT :limit")
  List<MessageRow> oldestFirstAfter(long channelId, long seq, int limit);
}
