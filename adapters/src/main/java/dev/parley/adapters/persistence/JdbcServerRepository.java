package dev.parley.adapters.persistence;

import dev.parley.application.port.out.ServerRepository;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;
import dev.parley.domain.server.ServerWithRole;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ServerRepository} on PostgreSQL; the schema's ON DELETE CASCADE does the cascading. */
@Singleton
public class JdbcServerRepository implements ServerRepository {
  private static final String LIST_FOR_USER =
      "SELECT s.*, m.role AS member_role FROM servers s"
          + " JOIN memberships m ON m.server_id = s.id"
          + " WHERE m.user_id = ? ORDER BY m.joined_at, s.id";
  private static final String UPDATE =
      "UPDATE servers SET name = ?, description = ?, icon = ? WHERE id = ? RETURNING *";

  private final ServerRowRepository rows;
  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;
  private final AccessCache access;

  JdbcServerRepository(
      ServerRowRepository rows,
      JdbcOperations jdbc,
      TransactionOperations<Connection> tx,
      AccessCache access) {
    this.rows = rows;
    this.jdbc = jdbc;
    this.tx = tx;
    this.access = access;
  }

  @Override
  public Server create(NewServer server) {
    ServerRow row =
        new ServerRow(
            null,
            server.name(),
            server.description(),
            server.icon(),
            server.ownerId(),
            server.isPublic(),
            server.createdAt());
    return toDomain(rows.save(row));
  }

  @Override
  public Optional<Server> findById(long id) {
    return rows.findById(id).map(JdbcServerRepository::toDomain);
  }

  @Override
  public Optional<Server> findPublic() {
    return rows.findPublic().map(JdbcServerRepository::toDomain);
  }

  /**
   * A missing server is reported after the transaction so that it does not mark a caller's
   * transaction rollback-only.
   */
  @Override
  public Server update(long id, String name, String description, String icon) {
    Optional<Server> updated =
        tx.executeWrite(
            status ->
                jdbc.prepareStatement(
                    UPDATE,
                    statement -> {
                      statement.setString(1, name);
                      statement.setString(2, description);
                      statement.setString(3, icon);
                      statement.setLong(4, id);
                      try (ResultSet rs = statement.executeQuery()) {
                        return rs.next()
                            ? Optional.of(toDomain(jdbc.readEntity(rs, ServerRow.class)))
                            : Optional.<Server>empty();
                      }
                    }));
    return updated.orElseThrow(() -> new IllegalStateException("No server " + id));
  }

  @Override
  public void delete(long id) {
    rows.deleteById(id);
    // Its channels and memberships went with it.
    access.clear();
  }

  @Override
  public List<ServerWithRole> listForUser(long userId) {
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                LIST_FOR_USER,
                statement -> {
                  statement.setLong(1, userId);
                  List<ServerWithRole> servers = new ArrayList<>();
                  try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                      servers.add(
                          new ServerWithRole(
                              toDomain(jdbc.readEntity(rs, ServerRow.class)),
                              Role.valueOf(rs.getString("member_role"))));
                    }
                  }
                  return servers;
                }));
  }

  static Server toDomain(ServerRow row) {
    return new Server(
        row.id(),
        row.name(),
        row.description(),
        row.icon(),
        row.ownerId(),
        row.publicServer(),
        row.createdAt());
  }
}
