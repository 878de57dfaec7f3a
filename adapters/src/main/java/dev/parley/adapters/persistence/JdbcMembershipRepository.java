package dev.parley.adapters.persistence;

import dev.parley.application.port.out.MembershipRepository;
import dev.parley.domain.error.Conflict;
import dev.parley.domain.event.MemberLeft;
import dev.parley.domain.server.Member;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Role;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link MembershipRepository} on PostgreSQL through Micronaut Data JDBC. */
@Singleton
public class JdbcMembershipRepository implements MembershipRepository {
  private static final String LIST =
      "SELECT m.server_id, m.user_id, m.role, m.joined_at, m.timeout_until, u.username, u.bot"
          + " FROM memberships m JOIN users u ON u.id = m.user_id"
          + " WHERE m.server_id = ? ORDER BY m.joined_at, m.user_id";
  // Three statements in one request: one round trip, and no separate commit outside a transaction.
  private static final String REACH =
      "SELECT server_id FROM memberships WHERE user_id = ? ORDER BY server_id;"
          + " SELECT p.channel_id FROM channel_participants p JOIN channels c ON c.id = p.channel_id"
          + "  WHERE p.user_id = ? AND c.kind IN ('DM', 'GROUP') ORDER BY p.channel_id;"
          + " SELECT t.id FROM channel_participants p JOIN channels t ON t.parent_id = p.channel_id"
          + "  WHERE p.user_id = ? AND t.kind = 'THREAD' ORDER BY t.id";
  private static final String UPDATE =
      "UPDATE memberships SET role = ?, timeout_until = ? WHERE server_id = ? AND user_id = ?"
          + " RETURNING server_id, user_id, role, joined_at, timeout_until";

  private final MembershipRowRepository rows;
  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;
  private final ConnectionOperations<Connection> connections;
  private final AccessCache access;

  JdbcMembershipRepository(
      MembershipRowRepository rows,
      JdbcOperations jdbc,
      TransactionOperations<Connection> tx,
      ConnectionOperations<Connection> connections,
      AccessCache access) {
    this.rows = rows;
    this.jdbc = jdbc;
    this.tx = tx;
    this.connections = connections;
    this.access = access;
  }

  @Override
  public void add(Membership membership) {
    MembershipRow row =
        new MembershipRow(
            new MembershipKey(membership.serverId(), membership.userId()),
            membership.role().name(),
            membership.joinedAt(),
            membership.timeoutUntil());
    try {
      rows.save(row);
      access.userChanged(membership.userId());
    } catch (DataAccessException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new Conflict("User is already a member of this server");
      }
      throw e;
    }
  }

  @Override
  public Optional<Membership> find(long serverId, long userId) {
    return rows.findById(new MembershipKey(serverId, userId))
        .map(JdbcMembershipRepository::toDomain);
  }

  /**
   * A missing membership is reported after the transaction so that it does not mark a caller's
   * transaction rollback-only.
   */
  @Override
  public Membership update(Membership membership) {
    Optional<Membership> updated =
        tx.executeWrite(
            status ->
                jdbc.prepareStatement(
                    UPDATE,
                    statement -> {
                      statement.setString(1, membership.role().name());
                      SqlTimes.set(statement, 2, membership.timeoutUntil());
                      statement.setLong(3, membership.serverId());
                      statement.setLong(4, membership.userId());
                      try (ResultSet rs = statement.executeQuery()) {
                        return rs.next() ? Optional.of(read(rs)) : Optional.<Membership>empty();
                      }
                    }));
    access.userChanged(membership.userId());
    return updated.orElseThrow(
        () ->
            new IllegalStateException(
                "No membership of user "
                    + membership.userId()
                    + " in server "
                    + membership.serverId()));
  }

  @Override
  public boolean remove(long serverId, long userId, MemberLeft.Reason reason) {
    // The member log's trigger reads the reason from this transaction's setting (V21).
    boolean removed =
        tx.executeWrite(
            status -> {
              jdbc.prepareStatement(
                  "SELECT set_config('parley.member_left_reason', ?, true)",
                  statement -> {
                    statement.setString(1, reason.name());
                    return statement.execute();
                  });
              return rows.remove(serverId, userId) > 0;
            });
    access.userChanged(userId);
    return removed;
  }

  @Override
  public List<Member> list(long serverId) {
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                LIST,
                statement -> {
                  statement.setLong(1, serverId);
                  List<Member> members = new ArrayList<>();
                  try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                      members.add(
                          new Member(read(rs), rs.getString("username"), rs.getBoolean("bot")));
                    }
                  }
                  return members;
                }));
  }

  @Override
  public List<Long> serverIdsOf(long userId) {
    return rows.serverIdsOf(userId);
  }

  @Override
  public Reach reachOf(long userId) {
    if (tx.findTransactionStatus().isPresent()) {
      // It may include the transaction's own uncommitted writes: never kept.
      return readReach(userId);
    }
    return access.reach(userId, () -> readReach(userId));
  }

  @Override
  public void reachChanged(long userId) {
    access.userChanged(userId);
  }

  private Reach readReach(long userId) {
    return connections.executeRead(
        status ->
            jdbc.prepareStatement(
                REACH,
                statement -> {
                  statement.setLong(1, userId);
                  statement.setLong(2, userId);
                  statement.setLong(3, userId);
                  statement.execute();
                  List<Long> servers = ids(statement.getResultSet());
                  if (!statement.getMoreResults()) {
                    throw new IllegalStateException("the conversations of the reach are missing");
                  }
                  List<Long> conversations = ids(statement.getResultSet());
                  if (!statement.getMoreResults()) {
                    throw new IllegalStateException("the threads of the reach are missing");
                  }
                  return new Reach(servers, conversations, ids(statement.getResultSet()));
                }));
  }

  private static List<Long> ids(ResultSet rs) throws SQLException {
    try (rs) {
      List<Long> ids = new ArrayList<>();
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
      return ids;
    }
  }

  @Override
  public List<Long> smallServerIdsOf(long userId, int maxMembers) {
    return rows.smallServerIdsOf(userId, maxMembers);
  }

  private static Membership read(ResultSet rs) throws SQLException {
    return new Membership(
        rs.getLong("server_id"),
        rs.getLong("user_id"),
        Role.valueOf(rs.getString("role")),
        SqlTimes.get(rs, "joined_at"),
        SqlTimes.get(rs, "timeout_until"));
  }

  static Membership toDomain(MembershipRow row) {
    return new Membership(
        row.id().serverId(),
        row.id().userId(),
        Role.valueOf(row.role()),
        row.joinedAt(),
        row.timeoutUntil());
  }
}
