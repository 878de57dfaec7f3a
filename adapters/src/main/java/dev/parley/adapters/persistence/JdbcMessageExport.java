package dev.parley.adapters.persistence;

import dev.parley.application.port.out.MessageExport;
import dev.parley.domain.message.Attachment;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link MessageExport} on PostgreSQL: a keyset page (by author and id, on {@code
 * messages_by_author}, or by channel and seq, on the channel's unique index) with authors' names
 * and servers, then the page's files in a second statement on the same connection. Pages are
 * separate reads, so no connection is held while the caller writes a page out.
 */
@Singleton
public class JdbcMessageExport implements MessageExport {
  private static final String PAGE =
      "SELECT m.*, u.username AS author_name, c.server_id AS channel_server_id"
          + " FROM messages m JOIN channels c ON c.id = m.channel_id"
          + " LEFT JOIN users u ON u.id = m.author_id WHERE ";

  private final JdbcOperations jdbc;
  private final ConnectionOperations<Connection> connections;

  JdbcMessageExport(JdbcOperations jdbc, ConnectionOperations<Connection> connections) {
    this.jdbc = jdbc;
    this.connections = connections;
  }

  @Override
  public List<PostedMessage> byAuthor(long authorId, long afterId, int limit) {
    return page(
        PAGE + "m.author_id = ? AND m.id > ? ORDER BY m.id LIMIT ?", authorId, afterId, limit);
  }

  @Override
  public List<PostedMessage> inChannel(long channelId, long afterSeq, int limit) {
    return page(
        PAGE + "m.channel_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?", channelId, afterSeq, limit);
  }

  private List<PostedMessage> page(String sql, long owner, long after, int limit) {
    return connections.executeRead(
        status -> {
          List<PostedMessage> page =
              jdbc.prepareStatement(
                  sql,
                  statement -> {
                    statement.setLong(1, owner);
                    statement.setLong(2, after);
                    statement.setInt(3, limit);
                    return rows(statement);
                  });
          List<Long> withFiles =
              page.stream()
                  .map(PostedMessage::message)
                  .filter(m -> !m.isDeleted())
                  .map(Message::id)
                  .toList();
          if (withFiles.isEmpty()) {
            return page;
          }
          Map<Long, List<Attachment>> files =
              jdbc.prepareStatement(
                  "SELECT * FROM attachments WHERE message_id = ANY (?) ORDER BY message_id, id",
                  statement -> {
                    statement.setArray(
                        1, statement.getConnection().createArrayOf("bigint", withFiles.toArray()));
                    return attachments(statement);
                  });
          if (files.isEmpty()) {
            return page;
          }
          return page.stream()
              .map(p -> p.withAttachments(files.getOrDefault(p.message().id(), List.of())))
              .toList();
        });
  }

  private static List<PostedMessage> rows(PreparedStatement statement) throws SQLException {
    List<PostedMessage> page = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        Message m = JdbcMessageRepository.toDomain(RowReaders.message(rs));
        Long server = rs.getObject("channel_server_id", Long.class);
        page.add(new PostedMessage(m, rs.getString("author_name"), server));
      }
    }
    return page;
  }

  private static Map<Long, List<Attachment>> attachments(PreparedStatement statement)
      throws SQLException {
    Map<Long, List<Attachment>> files = new HashMap<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        Attachment a = JdbcAttachmentRepository.toDomain(RowReaders.attachment(rs));
        files.computeIfAbsent(a.messageId(), id -> new ArrayList<>()).add(a);
      }
    }
    return files;
  }
}
