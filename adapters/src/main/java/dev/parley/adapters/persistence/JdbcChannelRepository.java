package dev.parley.adapters.persistence;

import dev.parley.application.port.out.ChannelRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** {@link ChannelRepository} on PostgreSQL through Micronaut Data JDBC. */
@Singleton
public class JdbcChannelRepository implements ChannelRepository {
  private static final String ADD_PARTICIPANT =
      "INSERT INTO channel_participants (channel_id, user_id, joined_at) VALUES (?, ?, ?)"
          + " ON CONFLICT DO NOTHING";
  private static final String UPDATE =
      "UPDATE channels SET name = ?, description = ?, category = ?, position = ?, updated_at = ?"
          + " WHERE id = ? RETURNING *";

  private final ChannelRowRepository rows;
  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;

  private final AccessCache access;

  JdbcChannelRepository(
      ChannelRowRepository rows,
      JdbcOperations jdbc,
      TransactionOperations<Connection> tx,
      AccessCache access) {
    this.rows = rows;
    this.jdbc = jdbc;
    this.tx = tx;
    this.access = access;
  }

  @Override
  public Channel create(NewChannel channel) {
    int position;
    if (channel.position() != null) {
      position = channel.position();
    } else if (channel.serverId() == null) {
      position = 0;
    } else {
      position = rows.nextPosition(channel.serverId());
    }
    ChannelRow row =
        new ChannelRow(
            null,
            channel.serverId(),
            channel.kind().name(),
            channel.name(),
            channel.description(),
            channel.category(),
            position,
            0,
            0,
            channel.createdBy(),
            channel.createdAt(),
            channel.createdAt());
    return toDomain(rows.save(row));
  }

  @Override
  public Optional<Channel> findById(long id) {
    return rows.findById(id).map(JdbcChannelRepository::toDomain);
  }

  @Override
  public List<Channel> listByServer(long serverId) {
    return rows.listByServer(serverId).stream().map(JdbcChannelRepository::toDomain).toList();
  }

  /**
   * A missing channel is reported after the transaction so that it does not mark a caller's
   * transaction rollback-only.
   */
  @Override
  public Channel update(
      long id, String name, String description, String category, int position, Instant updatedAt) {
    Optional<Channel> updated =
        tx.executeWrite(
            status ->
                jdbc.prepareStatement(
                    UPDATE,
                    statement -> {
                      statement.setString(1, name);
                      statement.setString(2, description);
                      statement.setString(3, category);
                      statement.setInt(4, position);
                      statement.setObject(5, OffsetDateTime.ofInstant(updatedAt, ZoneOffset.UTC));
                      statement.setLong(6, id);
                      try (ResultSet rs = statement.executeQuery()) {
                        return rs.next()
                            ? Optional.of(toDomain(jdbc.readEntity(rs, ChannelRow.class)))
                            : Optional.<Channel>empty();
                      }
                    }));
    access.channelChanged(id);
    return updated.orElseThrow(() -> new IllegalStateException("No channel " + id));
  }

  /** The schema's ON DELETE clauses take the messages and everything hanging off the channel. */
  @Override
  public void delete(long id) {
    rows.deleteById(id);
    access.channelChanged(id);
  }

  @Override
  public void addParticipants(long channelId, List<Long> userIds, Instant joinedAt) {
    if (userIds.isEmpty()) {
      return;
    }
    OffsetDateTime joined = OffsetDateTime.ofInstant(joinedAt, ZoneOffset.UTC);
    tx.executeWrite(
        status ->
            jdbc.prepareStatement(
                ADD_PARTICIPANT,
                statement -> {
                  for (long userId : userIds) {
                    statement.setLong(1, channelId);
                    statement.setLong(2, userId);
                    statement.setObject(3, joined);
                    statement.addBatch();
                  }
                  return statement.executeBatch();
                }));
    userIds.forEach(userId -> access.participantChanged(channelId, userId));
  }

  @Override
  public boolean isParticipant(long channelId, long userId) {
    return rows.isParticipant(channelId, userId);
  }

  @Override
  public List<Long> participantIds(long channelId) {
    return rows.participantIds(channelId);
  }

  @Override
  public Optional<Channel> findDirectConversation(long userA, long userB) {
    return rows.findDirectConversation(userA, userB).map(JdbcChannelRepository::toDomain);
  }

  @Override
  public List<Channel> conversationsOf(long userId) {
    return rows.conversationsOf(userId).stream().map(JdbcChannelRepository::toDomain).toList();
  }

  static Channel toDomain(ChannelRow row) {
    return new Channel(
        row.id(),
        row.serverId(),
        ChannelKind.valueOf(row.kind()),
        row.name(),
        row.description(),
        row.category(),
        row.position(),
        row.lastSeq(),
        row.lastPos(),
        row.createdBy(),
        row.createdAt(),
        row.updatedAt());
  }
}
