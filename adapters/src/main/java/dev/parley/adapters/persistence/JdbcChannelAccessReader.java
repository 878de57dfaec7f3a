package dev.parley.adapters.persistence;

import dev.parley.application.port.out.ChannelAccessReader;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.server.Membership;
import dev.parley.domain.user.User;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@link ChannelAccessReader} on PostgreSQL: four small queries sent as one multi-statement
 * request, so the database answers them in one round trip (and, outside a transaction, without a
 * separate commit), each mapped like its own repository maps it. {@link #read} answers from the
 * {@link AccessCache} when it can.
 */
@Singleton
public class JdbcChannelAccessReader implements ChannelAccessReader {
  private static final String READ =
      "SELECT * FROM channels WHERE id = ?;"
          + " SELECT m.* FROM memberships m JOIN channels c ON c.server_id = m.server_id"
          + "  WHERE c.id = ? AND m.user_id = ?;"
          // A thread's participants are its conversation's.
          + " SELECT EXISTS (SELECT 1 FROM channel_participants WHERE channel_id ="
          + "  (SELECT COALESCE(parent_id, id) FROM channels WHERE id = ?) AND user_id = ?);"
          + " SELECT * FROM users WHERE id = ?";

  private final JdbcOperations jdbc;
  private final ConnectionOperations<Connection> connections;

  private final TransactionOperations<Connection> tx;
  private final AccessCache cache;

  JdbcChannelAccessReader(
      JdbcOperations jdbc,
      ConnectionOperations<Connection> connections,
      TransactionOperations<Connection> tx,
      AccessChangeListener listener) {
    this.jdbc = jdbc;
    this.connections = connections;
    this.tx = tx;
    this.cache = listener.cache();
  }

  @Override
  public Optional<ChannelView> read(long channelId, long userId) {
    if (tx.findTransactionStatus().isPresent()) {
      // Inside a transaction the read may see its own uncommitted writes, which must not outlive
      // a rollback in memory.
      return readCurrent(channelId, userId);
    }
    return cache.read(channelId, userId, () -> readCurrent(channelId, userId));
  }

  @Override
  public Optional<ChannelView> readCurrent(long channelId, long userId) {
    return connections.executeRead(
        status -> jdbc.prepareStatement(READ, statement -> read(statement, channelId, userId)));
  }

  private Optional<ChannelView> read(PreparedStatement statement, long channelId, long userId)
      throws SQLException {
    statement.setLong(1, channelId);
    statement.setLong(2, channelId);
    statement.setLong(3, userId);
    statement.setLong(4, channelId);
    statement.setLong(5, userId);
    statement.setLong(6, userId);
    statement.execute();
    Channel channel;
    try (ResultSet rs = statement.getResultSet()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      channel = JdbcChannelRepository.toDomain(RowReaders.channel(rs));
    }
    next(statement);
    Membership membership;
    try (ResultSet rs = statement.getResultSet()) {
      membership = rs.next() ? JdbcMembershipRepository.toDomain(RowReaders.membership(rs)) : null;
    }
    next(statement);
    boolean participant;
    try (ResultSet rs = statement.getResultSet()) {
      participant = rs.next() && rs.getBoolean(1);
    }
    next(statement);
    Optional<User> viewer;
    try (ResultSet rs = statement.getResultSet()) {
      viewer =
          rs.next()
              ? Optional.of(JdbcUserRepository.toDomain(RowReaders.user(rs)))
              : Optional.empty();
    }
    return Optional.of(new ChannelView(channel, membership, participant, viewer));
  }

  private static void next(PreparedStatement statement) throws SQLException {
    if (!statement.getMoreResults()) {
      throw new IllegalStateException("a result of the access read is missing");
    }
  }
}
