package dev.parley.adapters.persistence;

import dev.parley.application.port.out.HistoryPageReader;
import dev.parley.application.port.out.MessageRepository.Page;
import dev.parley.domain.channel.MessageThread;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link HistoryPageReader} on PostgreSQL: one statement gives the page with its authors' names and
 * which of its messages have files or reactions; only when some do, a second request fetches those
 * (both in one round trip). Most pages cost one statement. Reads outside a transaction: a file or
 * reaction added between the two requests is shown a page early, never a wrong one.
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
    return connections.executeRead(
        status -> {
          Rows rows =
              jdbc.prepareStatement(
                  "SELECT p.*, u.username AS author_name, u.bot AS author_bot,"
                      + " p.deleted_at IS NULL AND EXISTS (SELECT 1 FROM attachments a"
                      + " WHERE a.message_id = p.id) AS has_files,"
                      + " EXISTS (SELECT 1 FROM reactions r WHERE r.message_id = p.id)"
                      + " AS has_reactions,"
                      + " EXISTS (SELECT 1 FROM channels t WHERE t.parent_message_id = p.id)"
                      + " AS has_thread"
                      + " FROM ("
                      + selection.sql()
                      + ") p LEFT JOIN users u ON u.id = p.author_id ORDER BY p.seq",
                  statement -> rows(statement, selection));
          if (rows.withFiles().isEmpty()
              && rows.withReactions().isEmpty()
              && rows.withThreads().isEmpty()) {
            return new LoadedPage(rows.messages(), rows.names(), Map.of(), Map.of(), rows.bots());
          }
          return jdbc.prepareStatement(
              EXTRAS,
              statement -> {
                Connection c = statement.getConnection();
                statement.setArray(1, c.createArrayOf("bigint", rows.withFiles().toArray()));
                statement.setArray(2, c.createArrayOf("bigint", rows.withReactions().toArray()));
                statement.setArray(3, c.createArrayOf("bigint", rows.withThreads().toArray()));
                return extras(statement, rows);
              });
        });
  }

  /**
   * The files, reaction counts and threads of the messages that have any, as three statements in
   * one request.
   */
  private static final String EXTRAS =
      "SELECT * FROM attachments WHERE message_id = ANY (?) ORDER BY message_id, id; "
          + JdbcReactionRepository.countsOf("message_id = ANY (?)")
          + "; "
          + JdbcThreadRepository.OF_MESSAGES;

  /** The page's messages and authors' names, and which messages have files or reactions. */
  private record Rows(
      List<Message> messages,
      Map<Long, String> names,
      List<Long> withFiles,
      List<Long> withReactions,
      List<Long> withThreads,
      Set<Long> bots) {}

  private static Rows rows(PreparedStatement statement, Selection selection) throws SQLException {
    selection.bind(statement, 1);
    List<Message> messages = new ArrayList<>();
    Map<Long, String> names = new HashMap<>();
    List<Long> withFiles = new ArrayList<>();
    List<Long> withReactions = new ArrayList<>();
    List<Long> withThreads = new ArrayList<>();
    Set<Long> bots = new HashSet<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        Message m = JdbcMessageRepository.toDomain(RowReaders.message(rs));
        messages.add(m);
        String name = rs.getString("author_name");
        if (name != null) {
          names.put(m.authorId(), name);
        }
        if (rs.getBoolean("author_bot")) {
          bots.add(m.authorId());
        }
        if (rs.getBoolean("has_files")) {
          withFiles.add(m.id());
        }
        if (rs.getBoolean("has_reactions")) {
          withReactions.add(m.id());
        }
        if (rs.getBoolean("has_thread")) {
          withThreads.add(m.id());
        }
      }
    }
    return new Rows(List.copyOf(messages), names, withFiles, withReactions, withThreads, bots);
  }

  private static LoadedPage extras(PreparedStatement statement, Rows rows) throws SQLException {
    statement.execute();
    Map<Long, List<Attachment>> attachments = new LinkedHashMap<>();
    try (ResultSet rs = statement.getResultSet()) {
      while (rs.next()) {
        Attachment a = JdbcAttachmentRepository.toDomain(RowReaders.attachment(rs));
        attachments.computeIfAbsent(a.messageId(), id -> new ArrayList<>()).add(a);
      }
    }
    if (!statement.getMoreResults()) {
      throw new IllegalStateException("the reaction counts of the history read are missing");
    }
    Map<Long, List<ReactionCount>> reactions;
    try (ResultSet rs = statement.getResultSet()) {
      reactions = JdbcReactionRepository.readCounts(rs);
    }
    if (!statement.getMoreResults()) {
      throw new IllegalStateException("the threads of the history read are missing");
    }
    Map<Long, MessageThread> threads = new HashMap<>();
    try (ResultSet rs = statement.getResultSet()) {
      while (rs.next()) {
        MessageThread thread = JdbcThreadRepository.toThread(rs);
        threads.put(thread.parentMessageId(), thread);
      }
    }
    return new LoadedPage(
        rows.messages(), rows.names(), attachments, reactions, rows.bots(), threads);
  }
}
