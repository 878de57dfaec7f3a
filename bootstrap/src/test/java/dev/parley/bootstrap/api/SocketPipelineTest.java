package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.adapters.persistence.JdbcMessageRepository;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A connection's sends are pipelined: the next frame is checked and handed to the store while the
 * one before commits, so one connection's sends share a group commit; acks and errors still come in
 * frame order, each ack after its commit.
 */
@MicronautTest(transactional = false)
class SocketPipelineTest extends ApiTestBase {
  @Inject JdbcMessageRepository messages;

  @Property(name = "datasources.default.url")
  String databaseUrl;

  private static String sendFrame(long channel, String text, String nonce) {
    return "{\"type\":\"send_message\",\"channelId\":"
        + channel
        + ",\"text\":\""
        + text
        + "\",\"nonce\":\""
        + nonce
        + "\"}";
  }

  private static long first(Connection db, String sql, long channel) throws Exception {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      statement.setLong(1, channel);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void sendsOfOneSocketShareACommitAndAreAnsweredInFrameOrder() throws Exception {
    Fixtures fx = new Fixtures(api);
    Session alice = api.newUser("piper");
    long server = fx.server(alice, "Pipeline");
    long piped = fx.channel(alice, server, "piped", "TEXT");
    long blocked = fx.channel(alice, server, "blocked", "TEXT");
    try (Connection db = DriverManager.getConnection(databaseUrl, "postgres", "");
        Connection watcher = DriverManager.getConnection(databaseUrl, "postgres", "");
        WsClient ws = fx.gateway(alice)) {
      // Hold one batch at its row lock, so that the frames below queue for the next batch.
      db.setAutoCommit(false);
      first(db, "SELECT id FROM channels WHERE id = ? FOR UPDATE", blocked);
      CompletableFuture<?> held =
          CompletableFuture.runAsync(() -> fx.send(alice, server, blocked, "held"));
      await()
          .atMost(WsClient.WAIT)
          .until(
              () ->
                  first(
                          watcher,
                          "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                              + " AND datname = current_database() AND pid <> ?",
                          0)
                      > 0);

      for (int i = 1; i <= 3; i++) {
        ws.send(sendFrame(piped, "piped " + i, "p" + i));
      }
      ws.send(sendFrame(Long.MAX_VALUE, "nowhere", "bad"));
      // Without pipelining only the first frame would be handed over before its ack.
      await().atMost(WsClient.WAIT).until(() -> messages.queuedAppends() >= 3);
      db.rollback();
      held.get();

      List<JsonNode> answers = new ArrayList<>();
      while (answers.size() < 4) {
        JsonNode frame = ws.next(WsClient.WAIT);
        String type = frame.get("type").getStringValue();
        if (type.equals("message_ack") || type.equals("error")) {
          answers.add(frame);
        }
      }
      assertThat(answers)
          .extracting(f -> f.get("type").getStringValue() + ":" + f.get("nonce").getStringValue())
          .containsExactly("message_ack:p1", "message_ack:p2", "message_ack:p3", "error:bad");
      assertThat(answers.subList(0, 3))
          .extracting(f -> f.get("seq").getLongValue())
          .containsExactly(1L, 2L, 3L);
      // One transaction wrote all three: they share the inserting transaction id.
      assertThat(
              first(
                  watcher,
                  "SELECT count(DISTINCT xmin::text) FROM messages WHERE channel_id = ?",
                  piped))
          .isEqualTo(1);
      assertThat(first(watcher, "SELECT count(*) FROM messages WHERE channel_id = ?", piped))
          .isEqualTo(3);
      assertThat(ws.drain(Duration.ofMillis(200)))
          .noneMatch(f -> "message_ack".equals(f.get("type").getStringValue()));
    }
  }
}
