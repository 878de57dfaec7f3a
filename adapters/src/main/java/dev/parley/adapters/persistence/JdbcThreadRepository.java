package dev.parley.adapters.persistence;

import dev.parley.application.port.out.ThreadRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.FollowedThread;
import dev.parley.domain.channel.MessageThread;
import dev.parley.domain.channel.ThreadView;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ThreadRepository} on PostgreSQL: a thread is a {@code channels} row of kind THREAD with
 * its parent channel and message; its reply count and last reply time are read from its messages
 * when asked, so a reply writes nothing more than any message does.
 */
@Singleton
public class JdbcThreadRepository implements ThreadRepository {
  /** A thread's columns, from {@code channels t}; {@link #toThread} reads them. */
  static final String THREAD_COLUMNS =
      "t.id, t.parent_id, t.parent_message_id, t.server_id, t.name, t.created_by, t.created_at,"
          + " t.last_seq, s.replies, s.last_reply_at";

  /** Joins each thread {@code t} with its live replies' count and newest time. */
  static final String REPLIES =
      " LEFT JOIN LATERAL (SELECT COUNT(*) AS replies, MAX(r.created_at) AS last_reply_at"
          + " FROM messages r WHERE r.channel_id = t.id AND r.deleted_at IS NULL) s ON TRUE";

  private static final String MOST_RECENT_FIRST =
      " ORDER BY COALESCE(s.last_reply_at, t.created_at) DESC, t.id DESC";

  private static final String START =
      "INSERT INTO channels (server_id, kind, name, position, created_by, created_at, updated_at,"
          + " parent_id, parent_message_id) VALUES (?, 'THREAD', ?, 0, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (parent_message_id) WHERE parent_message_id IS NOT NULL DO NOTHING"
          + " RETURNING id";

  private static final String BY_ID =
      "SELECT "
          + THREAD_COLUMNS
          + " FROM channels t"
          + REPLIES
          + " WHERE t.id = ? AND t.kind = 'THREAD'";

  /** The threads started by the messages of one array parameter. */
  static final String OF_MESSAGES =
      "SELECT "
          + THREAD_COLUMNS
          + " FROM channels t"
          + REPLIES
          + " WHERE t.parent_message_id = ANY (?)";

  private static final String BY_PARENT_MESSAGE =
      "SELECT id FROM channels WHERE parent_message_id = ?";

  private static final String IN_CHANNEL =
      "SELECT "
          + THREAD_COLUMNS
          + ", COALESCE(f.following, FALSE) AS following FROM channels t"
          + REPLIES
          + " LEFT JOIN thread_follows f ON f.thread_id = t.id AND f.user_id = ?"
          + " WHERE t.parent_id = ?"
          + MOST_RECENT_FIRST
          + " LIMIT ?";

  private static final String OF_SERVER =
      "SELECT * FROM channels WHERE server_id = ? AND kind = 'THREAD' ORDER BY id";

  private static final String SET_FOLLOWING =
      "INSERT INTO thread_follows (thread_id, user_id, following, updated_at) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (thread_id, user_id)"
          + " DO UPDATE SET following = EXCLUDED.following, updated_at = EXCLUDED.updated_at";

  private static final String FOLLOW_IMPLICITLY =
      "INSERT INTO thread_follows (thread_id, user_id, following, updated_at)"
          + " VALUES (?, ?, TRUE, ?) ON CONFLICT DO NOTHING";

  private static final String IS_FOLLOWING =
      "SELECT EXISTS (SELECT 1 FROM thread_follows"
          + " WHERE thread_id = ? AND user_id = ? AND following)";

  // Only threads the user still sees: of servers they are a member of, or of conversations they
  // take part in; the same rule as every channel.
  private static final String FOLLOWED_BY =
      "SELECT "
          + THREAD_COLUMNS
          + ", COALESCE(rs.last_read_seq, 0) AS last_read_seq,"
          + " (SELECT COUNT(*) FROM mentions mn WHERE mn.user_id = f.user_id"
          + "  AND mn.channel_id = t.id AND mn.seq > COALESCE(rs.last_read_seq, 0))"
          + " AS unread_mentions"
          + " FROM thread_follows f JOIN channels t ON t.id = f.thread_id"
          + " LEFT JOIN memberships ms ON ms.server_id = t.server_id AND ms.user_id = f.user_id"
          + " LEFT JOIN read_states rs ON rs.user_id = f.user_id AND rs.channel_id = t.id"
          + REPLIES
          + " WHERE f.user_id = ? AND f.following AND (ms.user_id IS NOT NULL"
          + "  OR (t.server_id IS NULL AND EXISTS (SELECT 1 FROM channel_participants p"
          + "   WHERE p.channel_id = t.parent_id AND p.user_id = f.user_id)))"
          + MOST_RECENT_FIRST
          + " LIMIT ?";

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;

  /** The follow rows this node wrote lately, the oldest forgotten first. */
  private final Map<Follow, Boolean> written =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Follow, Boolean> eldest) {
          return size() > REMEMBERED_FOLLOWS;
        }
      };

  /** How many written follow rows a node remembers. */
  private static final int REMEMBERED_FOLLOWS = 10_000;

  JdbcThreadRepository(JdbcOperations jdbc, TransactionOperations<Connection> tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @Override
  public Started start(NewThread thread) {
    try {
      return tx.executeWrite(status -> jdbc.execute(connection -> start(connection, thread)));
    } catch (DataAccessException e) {
      if (SqlErrors.isForeignKeyViolation(e)) {
        throw new IllegalStateException(
            "No channel " + thread.parentChannelId() + " or message " + thread.parentMessageId(),
            e);
      }
      throw e;
    }
  }

  private Started start(Connection connection, NewThread thread) throws SQLException {
    Long created = null;
    try (PreparedStatement insert = connection.prepareStatement(START)) {
      if (thread.serverId() == null) {
        insert.setNull(1, java.sql.Types.BIGINT);
      } else {
        insert.setLong(1, thread.serverId());
      }
      insert.setString(2, thread.name());
      insert.setLong(3, thread.createdBy());
      SqlTimes.set(insert, 4, thread.createdAt());
      SqlTimes.set(insert, 5, thread.createdAt());
      insert.setLong(6, thread.parentChannelId());
      insert.setLong(7, thread.parentMessageId());
      try (ResultSet rs = insert.executeQuery()) {
        if (rs.next()) {
          created = rs.getLong(1);
        }
      }
    }
    long id = created != null ? created : existing(connection, thread.parentMessageId());
    MessageThread stored =
        read(connection, id).orElseThrow(() -> new IllegalStateException("thread " + id + " gone"));
    return new Started(stored, created != null);
  }

  private static long existing(Connection connection, long parentMessageId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(BY_PARENT_MESSAGE)) {
      select.setLong(1, parentMessageId);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("message " + parentMessageId + " has no thread");
        }
        return rs.getLong(1);
      }
    }
  }

  private static Optional<MessageThread> read(Connection connection, long threadId)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(BY_ID)) {
      select.setLong(1, threadId);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(toThread(rs)) : Optional.empty();
      }
    }
  }

  @Override
  public Optional<MessageThread> findById(long threadId) {
    return tx.executeRead(status -> jdbc.execute(connection -> read(connection, threadId)));
  }

  @Override
  public Map<Long, MessageThread> ofMessages(Collection<Long> messageIds) {
    if (messageIds.isEmpty()) {
      return Map.of();
    }
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                OF_MESSAGES,
                statement -> {
                  statement.setArray(
                      1, statement.getConnection().createArrayOf("bigint", messageIds.toArray()));
                  Map<Long, MessageThread> threads = new HashMap<>();
                  try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                      MessageThread thread = toThread(rs);
                      threads.put(thread.parentMessageId(), thread);
                    }
                  }
                  return threads;
                }));
  }

  @Override
  public List<ThreadView> inChannel(long channelId, long viewerId, int limit) {
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                IN_CHANNEL,
                statement -> {
                  statement.setLong(1, viewerId);
                  statement.setLong(2, channelId);
                  statement.setInt(3, limit);
                  List<ThreadView> views = new ArrayList<>();
                  try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                      views.add(new ThreadView(toThread(rs), rs.getBoolean("following")));
                    }
                  }
                  return views;
                }));
  }

  @Override
  public List<Channel> channelsOfServer(long serverId) {
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                OF_SERVER,
                statement -> {
                  statement.setLong(1, serverId);
                  List<Channel> channels = new ArrayList<>();
                  try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                      channels.add(JdbcChannelRepository.toDomain(RowReaders.channel(rs)));
                    }
                  }
                  return channels;
                }));
  }

  @Override
  public List<Channel> channelsOfParents(Collection<Long> parentIds) {
    if (parentIds.isEmpty()) {
      return List.of();
    }
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                "SELECT * FROM channels WHERE parent_id = ANY (?) ORDER BY id",
                statement -> {
                  statement.setArray(
                      1, statement.getConnection().createArrayOf("bigint", parentIds.toArray()));
                  List<Channel> channels = new ArrayList<>();
                  try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                      channels.add(JdbcChannelRepository.toDomain(RowReaders.channel(rs)));
                    }
                  }
                  return channels;
                }));
  }

  @Override
  public void setFollowing(long threadId, long userId, boolean following, Instant at) {
    write(SET_FOLLOWING, threadId, userId, following, at);
  }

  @Override
  public void followImplicitly(long threadId, long userId, Instant at) {
    Follow follow = new Follow(threadId, userId);
    synchronized (written) {
      if (written.containsKey(follow)) {
        return;
      }
    }
    boolean standalone = tx.findTransactionStatus().isEmpty();
    write(FOLLOW_IMPLICITLY, threadId, userId, null, at);
    if (standalone) {
      // Committed: the row stays until the thread goes (an unfollow only updates it), so writing
      // it again would change nothing. A frequent replier costs one write, not one per reply.
      synchronized (written) {
        written.put(follow, Boolean.TRUE);
      }
    }
  }

  /** A (thread, user) pair whose follow row this node wrote. */
  private record Follow(long threadId, long userId) {}

  private void write(String sql, long threadId, long userId, Boolean following, Instant at) {
    try {
      tx.executeWrite(
          status ->
              jdbc.prepareStatement(
                  sql,
                  statement -> {
                    int i = 1;
                    statement.setLong(i++, threadId);
                    statement.setLong(i++, userId);
                    if (following != null) {
                      statement.setBoolean(i++, following);
                    }
                    SqlTimes.set(statement, i, at);
                    return statement.executeUpdate();
                  }));
    } catch (DataAccessException e) {
      if (SqlErrors.isForeignKeyViolation(e)) {
        throw new IllegalStateException("No thread " + threadId + " or user " + userId, e);
      }
      throw e;
    }
  }

  @Override
  public boolean isFollowing(long threadId, long userId) {
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                IS_FOLLOWING,
                statement -> {
                  statement.setLong(1, threadId);
                  statement.setLong(2, userId);
                  try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                  }
                }));
  }

  @Override
  public List<FollowedThread> followedBy(long userId, int limit) {
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                FOLLOWED_BY,
                statement -> {
                  statement.setLong(1, userId);
                  statement.setInt(2, limit);
                  List<FollowedThread> followed = new ArrayList<>();
                  try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                      followed.add(
                          new FollowedThread(
                              toThread(rs),
                              rs.getLong("last_read_seq"),
                              rs.getLong("unread_mentions")));
                    }
                  }
                  return followed;
                }));
  }

  /** A thread from a row of {@link #THREAD_COLUMNS}. */
  static MessageThread toThread(ResultSet rs) throws SQLException {
    Long serverId = rs.getObject("server_id", Long.class);
    return new MessageThread(
        rs.getLong("id"),
        rs.getLong("parent_id"),
        rs.getLong("parent_message_id"),
        serverId,
        rs.getString("name"),
        rs.getLong("created_by"),
        SqlTimes.get(rs, "created_at"),
        rs.getLong("replies"),
        SqlTimes.get(rs, "last_reply_at"),
        rs.getLong("last_seq"));
  }
}
