package dev.parley.adapters.persistence;

import dev.parley.application.port.out.MessageSearch;
import dev.parley.domain.message.Message;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link MessageSearch} on PostgreSQL full-text search: the words are matched on the GIN-indexed
 * {@code search_vector} column ('simple' configuration, see V5), then narrowed to the channels,
 * author and cursor. The query takes web-search syntax: {@code "a phrase"}, {@code or}, {@code
 * -word}.
 */
@Singleton
public class JdbcMessageSearch implements MessageSearch {
  static final String SEARCH =
      "SELECT id, channel_id, seq, author_id, content, created_at, edited_at, deleted_at,"
          + " reply_to_id, nonce, pos, webhook_id, display_name FROM messages"
          + " WHERE search_vector @@ websearch_to_tsquery('simple', ?)"
          + " AND deleted_at IS NULL"
          + " AND channel_id = ANY (?)"
          + " AND author_id = COALESCE(?, author_id)"
          + " AND id < ?"
          + " ORDER BY id DESC LIMIT ?";

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;

  JdbcMessageSearch(JdbcOperations jdbc, TransactionOperations<Connection> tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @Override
  public List<Message> search(Criteria criteria) {
    if (criteria.channelIds().isEmpty()) {
      return List.of();
    }
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                SEARCH,
                statement -> {
                  Array channelIds =
                      statement
                          .getConnection()
                          .createArrayOf("bigint", criteria.channelIds().toArray(Long[]::new));
                  statement.setString(1, criteria.text());
                  statement.setArray(2, channelIds);
                  if (criteria.authorId() == null) {
                    statement.setNull(3, Types.BIGINT);
                  } else {
                    statement.setLong(3, criteria.authorId());
                  }
                  statement.setLong(
                      4, criteria.beforeId() == null ? Long.MAX_VALUE : criteria.beforeId());
                  statement.setInt(5, criteria.limit());
                  List<Message> found = new ArrayList<>();
                  try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                      found.add(
                          JdbcMessageRepository.toDomain(jdbc.readEntity(rs, MessageRow.class)));
                    }
                  } finally {
                    channelIds.free();
                  }
                  return found;
                }));
  }
}
