package dev.parley.adapters.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

/** Generated SQL access to {@code channels} and {@code channel_participants}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ChannelRowRepository extends CrudRepository<ChannelRow, Long> {
  @Query(
      "SELECT COALESCE(MAX(position) + 1, 0) FROM channels WHERE server_id = :serverId"
          + " AND kind <> 'THREAD'")
  int nextPosition(long serverId);

  // Threads belong to their parent channel, not to the server's list.
  @Query(
      "SELECT * FROM channels WHERE server_id = :serverId AND kind <> 'THREAD'"
          + " ORDER BY position, id")
  List<ChannelRow> listByServer(long serverId);

  @Query(
      "SELECT EXISTS (SELECT 1 FROM channel_participants WHERE user_id = :userId"
          + " AND channel_id = (SELECT COALESCE(parent_id, id) FROM channels WHERE id = :channelId))")
  boolean isParticipant(long channelId, long userId);

  @Query("SELECT user_id FROM channel_participants WHERE channel_id = :channelId ORDER BY user_id")
  List<Long> participantIds(long channelId);

  @Query(
      "SELECT c.* FROM channels c JOIN channel_participants p ON p.channel_id = c.id"
          + " WHERE p.user_id = :userId AND c.kind IN ('DM', 'GROUP') ORDER BY c.id DESC")
  List<ChannelRow> conversationsOf(long userId);

  @Query(
      "SELECT c.* FROM channel_participants a"
          + " JOIN channels c ON c.id = a.channel_id AND c.kind = 'DM'"
          + " JOIN channel_participants b ON b.channel_id = c.id AND b.user_id = :userB"
          + " WHERE a.user_id = :userA"
          + " AND NOT EXISTS (SELECT 1 FROM channel_participants o WHERE o.channel_id = c.id"
          + " AND o.user_id <> :userA AND o.user_id <> :userB)"
          + " ORDER BY c.id LIMIT 1")
  Optional<ChannelRow> findDirectConversation(long userA, long userB);
}
