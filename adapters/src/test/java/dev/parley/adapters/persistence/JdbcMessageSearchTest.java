package dev.parley.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.application.contract.MessageSearchContract;
import dev.parley.application.contract.OutPorts;
import dev.parley.application.port.out.ChannelRepository.NewChannel;
import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.MessageSearch.Criteria;
import dev.parley.application.port.out.ServerRepository.NewServer;
import dev.parley.application.port.out.UserRepository.NewUser;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.message.Message;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Runs the {@link MessageSearchContract} against PostgreSQL, and checks the index is used. */
@MicronautTest(startApplication = false, transactional = false, environments = "adapters-test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcMessageSearchTest extends MessageSearchContract implements TestPropertyProvider {
  @Inject JdbcOutPorts ports;
  @Inject JdbcOperations jdbc;
  @Inject TransactionOperations<Connection> tx;

  @Override
  protected OutPorts ports() {
    return ports;
  }

  @Test
  void webSearchSyntaxWorksOnTopOfPlainWords() {
    Channel channel = freshChannel();
    Message phrase = post(channel, "ship the release today");
    Message scattered = post(channel, "today we release, then ship");
    Message other = post(channel, "deploy the fix");
    List<Long> in = List.of(channel.id());

    assertThat(ports.search().search(new Criteria("\"release today\"", in, null, null, 10)))
        .containsExactly(phrase);
    assertThat(ports.search().search(new Criteria("release -ship", in, null, null, 10))).isEmpty();
    assertThat(ports.search().search(new Criteria("fix or phrase", in, null, null, 10)))
        .containsExactly(other);
    assertThat(ports.search().search(new Criteria("today release", in, null, null, 10)))
        .containsExactly(scattered, phrase);
  }

  @Test
  void aRareWordAmongThousandsOfMessagesIsFoundThroughTheGinIndex() {
    Channel bulk = freshChannel();
    Channel rare = freshChannel();
    tx.executeWrite(
        status ->
            jdbc.prepareStatement(
                "INSERT INTO messages (channel_id, seq, pos, author_id, content, created_at)"
                    + " SELECT ?, g, g, ?, 'filler message number ' || g || ' about nothing', now()"
                    + " FROM generate_series(1, 5000) g",
                statement -> {
                  statement.setLong(1, bulk.id());
                  statement.setLong(2, bulk.createdBy());
                  return statement.executeUpdate();
                }));
    Message needle = post(rare, "the quokka escaped");
    // What autovacuum does in production: fresh statistics, and the index's pending list merged
    // (the planner avoids a GIN index whose pending list it would have to scan).
    tx.executeWrite(
        status ->
            jdbc.execute(
                connection -> {
                  try (Statement statement = connection.createStatement()) {
                    statement.execute("ANALYZE messages");
                    return statement.execute("SELECT gin_clean_pending_list('messages_search')");
                  }
                }));

    List<Long> in = List.of(bulk.id(), rare.id());
    assertThat(ports.search().search(new Criteria("quokka", in, null, null, 26)))
        .containsExactly(needle);
    assertThat(ports.search().search(new Criteria("filler", in, null, null, 26))).hasSize(26);
    assertThat(explain("quokka", in)).contains("messages_search");
  }

  /** The plan of the adapter's own query with these values bound, as PostgreSQL would run it. */
  private String explain(String text, List<Long> channelIds) {
    return tx.executeRead(
        status ->
            jdbc.prepareStatement(
                "EXPLAIN " + JdbcMessageSearch.SEARCH,
                statement -> {
                  statement.setString(1, text);
                  statement.setArray(
                      2,
                      statement
                          .getConnection()
                          .createArrayOf("bigint", channelIds.toArray(Long[]::new)));
                  statement.setNull(3, Types.BIGINT);
                  statement.setLong(4, Long.MAX_VALUE);
                  statement.setInt(5, 26);
                  StringBuilder plan = new StringBuilder();
                  try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                      plan.append(rs.getString(1)).append('\n');
                    }
                  }
                  return plan.toString();
                }));
  }

  private Channel freshChannel() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    User owner =
        ports
            .users()
            .create(
                new NewUser(
                    new Username("srch" + UUID.randomUUID().toString().substring(0, 8)),
                    null,
                    null,
                    "h",
                    now));
    Server server =
        ports.servers().create(new NewServer("search", null, null, owner.id(), false, now));
    return ports
        .channels()
        .create(
            new NewChannel(
                server.id(), ChannelKind.TEXT, "bulk", null, null, null, owner.id(), now));
  }

  private Message post(Channel channel, String text) {
    return ports
        .messages()
        .append(
            new NewMessage(
                channel.id(),
                channel.createdBy(),
                text,
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                null,
                null));
  }

  @Override
  public Map<String, String> getProperties() {
    return TestPostgres.freshDatasourceProperties();
  }
}
