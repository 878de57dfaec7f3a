package dev.parley.adapters.persistence;

import dev.parley.application.port.out.BotRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link BotRepository} on PostgreSQL's {@code bots} table. */
@Singleton
public class JdbcBotRepository implements BotRepository {
  private static final String INSERT =
      "INSERT INTO bots (user_id, server_id, created_by, created_at, session_id)"
          + " VALUES (?, ?, ?, ?, ?)";
  private static final String FIND = "SELECT * FROM bots WHERE user_id = ?";
  private static final String IN_SERVER =
      "SELECT * FROM bots WHERE server_id = ? ORDER BY created_at, user_id";
  private static final String SET_SESSION = "UPDATE bots SET session_id = ? WHERE user_id = ?";

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;

  JdbcBotRepository(JdbcOperations jdbc, TransactionOperations<Connection> tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @Override
  public void create(Bot bot) {
    tx.executeWrite(
        status ->
            jdbc.prepareStatement(
                INSERT,
                statement -> {
                  statement.setLong(1, bot.userId());
                  statement.setLong(2, bot.serverId());
                  statement.setLong(3, bot.createdBy());
                  statement.setObject(4, OffsetDateTime.ofInstant(bot.createdAt(), ZoneOffset.UTC));
                  statement.setString(5, bot.sessionId());
                  return statement.executeUpdate();
                }));
  }

  @Override
  public Optional<Bot> find(long userId) {
    List<Bot> found = query(FIND, userId);
    return found.stream().findFirst();
  }

  @Override
  public List<Bot> inServer(long serverId) {
    return query(IN_SERVER, serverId);
  }

  @Override
  public void setSession(long userId, String sessionId) {
    tx.executeWrite(
        status ->
            jdbc.prepareStatement(
                SET_SESSION,
                statement -> {
                  statement.setString(1, sessionId);
                  statement.setLong(2, userId);
                  return statement.executeUpdate();
                }));
  }

  private List<Bot> query(String sql, long id) {
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                sql,
                statement -> {
                  statement.setLong(1, id);
                  List<Bot> bots = new ArrayList<>();
                  try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                      bots.add(read(rs));
                    }
                  }
                  return bots;
                }));
  }

  private static Bot read(ResultSet rs) throws SQLException {
    return new Bot(
        rs.getLong("user_id"),
        rs.getLong("server_id"),
        rs.getLong("created_by"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getString("session_id"));
  }
}
