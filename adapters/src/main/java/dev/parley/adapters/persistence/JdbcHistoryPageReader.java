package dev.parley.adapters.persistence;

import dev.parley.application.port.out.HistoryPageReader;
import dev.parley.application.port.out.MessageRepository.Page;
import dev.parley.domain.message.Attachment;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.ReactionCount;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link HistoryPageReader} on PostgreSQL: the page, its authors' names, its attachments and its
 * reaction counts as four statements sent in one request, so a page costs one round trip. Each
 * statement selects the page again by the same index range (cheap at page sizes); a row that
 * changes between them only adds an entry nobody asks for.
 */
@Singleton
public class JdbcHistoryPageReader implements HistoryPageReader {
  private final JdbcOperations jdbc;
  private final ConnectionOperations<Connection> connections;

  JdbcHistoryPageReader(JdbcOperations jdbc, ConnectionOperations<Connection> connections) {
    this.jdbc = jdbc;
    this.connections = connections;
  }

  /** A page's rows: its SQL (selecting from messages) and its three parameters, in order. */
  private record Selection(String sql, long first, long second, long third) {
    static Selection of(long channelId, Page page) {
      if (page instanceof Page.Newest newest) {
        return new Selection(
            "SELECT * FROM messages WHERE channel_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?",
            channelId,
            newest.limit(),
            newest.offset());
      }
      if (page instanceof Page.BeforeSeq before) {
        return new Selection(
            "SELECT * FROM messages WHERE channel_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
            channelId,
            before.seq(),
            before.limit());
      }
      Page.AfterSeq after = (Page.AfterSeq) page;
      return new Selection(
          "SELECT * FROM messages WHERE channel_id = ? AND seq > ? ORDER BY seq LIMIT ?",
          channelId,
          after.seq(),
          after.limit());
    }

    int bind(PreparedStatement statement, int index) throws SQLException {
      statement.setLong(index, first);
      statement.setLong(index + 1, second);
      statement.setLong(index + 2, third);
      return index + 3;
    }
  }

  @Override
  public LoadedPage read(long channelId, Page page) {
    Selection selection = Selection.of(channelId, page);
    String p = "(" + selection.sql() + ") p";
    String sql =
        "SELECT * FROM "
            + p
            + " ORDER BY seq;"
            + " SELECT id, username FROM users WHERE id IN (SELECT author_id FROM "
            + p
            + ");"
            + " SELECT * FROM attachments WHERE message_id IN (SELECT id FROM "
            + p
            + " WHERE deleted_at IS NULL) ORDER BY message_id, id;"
            + " "
            + JdbcReactionRepository.countsOf("message_id IN (SELECT id FROM " + p + ")");
    return connections.executeRead(
        status -> jdbc.prepareStatement(sql, statement -> read(statement, selection)));
  }

  private LoadedPage read(PreparedStatement statement, Selection selection) throws SQLException {
    int index = 1;
    for (int i = 0; i < 4; i++) {
      index = selection.bind(statement, index);
    }
    statement.execute();
    List<Message> messages = new ArrayList<>();
    try (ResultSet rs = statement.getResultSet()) {
      while (rs.next()) {
        messages.add(JdbcMessageRepository.toDomain(RowReaders.message(rs)));
      }
    }
    next(statement);
    Map<Long, String> names = new HashMap<>();
    try (ResultSet rs = statement.getResultSet()) {
      while (rs.next()) {
        names.put(rs.getLong("id"), rs.getString("username"));
      }
    }
    next(statement);
    Map<Long, List<Attachment>> attachments = new LinkedHashMap<>();
    try (ResultSet rs = statement.getResultSet()) {
      while (rs.next()) {
        Attachment a = JdbcAttachmentRepository.toDomain(RowReaders.attachment(rs));
        attachments.computeIfAbsent(a.messageId(), id -> new ArrayList<>()).add(a);
      }
    }
    next(statement);
    Map<Long, List<ReactionCount>> reactions;
    try (ResultSet rs = statement.getResultSet()) {
      reactions = JdbcReactionRepository.readCounts(rs);
    }
    return new LoadedPage(List.copyOf(messages), names, attachments, reactions);
  }

  private static void next(PreparedStatement statement) throws SQLException {
    if (!statement.getMoreResults()) {
      throw new IllegalStateException("a result of the history read is missing");
    }
  }
}
