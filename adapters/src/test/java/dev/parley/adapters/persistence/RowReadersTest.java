package dev.parley.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.adapters.testing.TestPostgres;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The hand-written row readers give exactly what Micronaut Data's mapping gives, for rows with
 * every optional column set and with every one empty.
 */
@MicronautTest(startApplication = false, transactional = false, environments = "adapters-test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RowReadersTest implements TestPropertyProvider {
  @Inject JdbcOperations jdbc;
  @Inject ConnectionOperations<Connection> connections;

  /** Maps one result set's rows with a hand reader. */
  private interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  @BeforeAll
  void rows() {
    connections.executeWrite(
        status ->
            jdbc.execute(
                c -> {
                  c.createStatement()
                      .execute(
                          """
                          INSERT INTO users (id, username, username_key, email, display_name,
                              password_hash, created_at, active, external_issuer, external_subject)
                          VALUES (9001, 'Rowan', 'rowan', 'r@example.com', 'Row An', 'h',
                                  '2026-01-02 03:04:05.123456+00', TRUE, 'https://idp', 'sub-1'),
                                 (9002, 'bare', 'bare', NULL, NULL, NULL,
                                  '2026-01-02 03:04:05+00', FALSE, NULL, NULL);
                          INSERT INTO servers (id, name, owner_id, created_at)
                          VALUES (9001, 'rows', 9001, now());
                          INSERT INTO memberships (server_id, user_id, role, joined_at,
                              timeout_until)
                          VALUES (9001, 9001, 'ADMIN', '2026-01-02 03:04:05.5+00',
                                  '2026-02-02 00:00:00+00'),
                                 (9001, 9002, 'MEMBER', '2026-01-02 03:04:05+00', NULL);
                          INSERT INTO channels (id, server_id, kind, name, description, category,
                              position, last_seq, last_pos, created_by, created_at, updated_at)
                          VALUES (9001, 9001, 'TEXT', 'general', 'about', 'cat', 3, 7, 9, 9001,
                                  '2026-01-02 03:04:05.000001+00', '2026-01-03 00:00:00+00'),
                                 (9002, NULL, 'DM', NULL, NULL, NULL, 0, 0, 0, NULL,
                                  '2026-01-02 03:04:05+00', '2026-01-02 03:04:05+00');
                          INSERT INTO messages (id, channel_id, seq, author_id, content,
                              created_at, edited_at, deleted_at, reply_to_id, nonce, pos)
                          VALUES (9001, 9001, 1, 9001, 'first', '2026-01-02 03:04:05.25+00',
                                  NULL, NULL, NULL, NULL, 1),
                                 (9002, 9001, 2, 9002, 'ünïcode ✓', '2026-01-02 03:04:06+00',
                                  '2026-01-02 03:05:00+00', '2026-01-02 03:06:00+00', 9001,
                                  'n-1', 2);
                          INSERT INTO attachments (id, channel_id, uploader_id, message_id,
                              filename, content_type, size_bytes, sha256, storage_key, created_at)
                          VALUES (9001, 9001, 9001, 9001, 'a.png', 'image/png', 12, 'ab', 'k1',
                                  '2026-01-02 03:04:05+00'),
                                 (9002, 9001, 9002, NULL, 'b.txt', 'text/plain', 1, 'cd', 'k2',
                                  '2026-01-02 03:04:05.999999+00');
                          """);
                  return null;
                }));
  }

  /** Maps the rows {@code query} selects both ways; there are two of them and they agree. */
  private <T> void sameBothWays(String query, Class<T> type, Reader<T> reader) {
    List<T> byMicronaut = new ArrayList<>();
    List<T> byHand = new ArrayList<>();
    connections.executeRead(
        status ->
            jdbc.execute(
                c -> {
                  try (ResultSet rs = c.createStatement().executeQuery(query)) {
                    while (rs.next()) {
                      byMicronaut.add(jdbc.readEntity(rs, type));
                      byHand.add(reader.read(rs));
                    }
                  }
                  return null;
                }));
    assertThat(byHand).hasSize(2).isEqualTo(byMicronaut);
  }

  private static String ours(String table) {
    return "SELECT * FROM " + table + " WHERE id > 9000 ORDER BY id";
  }

  @Test
  void channelsUsersMessagesAndAttachmentsMapAlike() {
    sameBothWays(ours("channels"), ChannelRow.class, RowReaders::channel);
    sameBothWays(ours("users"), UserRow.class, RowReaders::user);
    sameBothWays(ours("messages"), MessageRow.class, RowReaders::message);
    sameBothWays(ours("attachments"), AttachmentRow.class, RowReaders::attachment);
  }

  @Test
  void membershipsMapAlike() {
    sameBothWays(
        "SELECT * FROM memberships WHERE server_id = 9001 ORDER BY user_id",
        MembershipRow.class,
        RowReaders::membership);
  }

  @Override
  public Map<String, String> getProperties() {
    return TestPostgres.freshDatasourceProperties();
  }
}
