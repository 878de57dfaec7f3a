package dev.parley.adapters.persistence;

import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.domain.message.Message;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Group commit for appends: the messages of concurrent senders that arrive while one batch commits
 * go into the next batch, stored by one statement in one transaction, so N messages cost one WAL
 * flush instead of N. Each sender still waits for its own message's commit (ack after commit).
 *
 * <p>A batch first locks its channels' rows in id order, so batches of several nodes never wait on
 * each other in a cycle; then one statement bumps each channel's {@code last_seq} and {@code
 * last_pos} by its message count and inserts the rows with consecutive numbers in arrival order. If
 * the batch fails as a whole (a reused nonce, a channel deleted meanwhile, the database away), each
 * message is stored alone by {@code single}, so each sender gets its own answer.
 */
final class MessageGroupCommit implements AutoCloseable {
  private static final String LOCK_CHANNELS =
      "SELECT id FROM channels WHERE id = ANY (?) ORDER BY id FOR UPDATE";

  /**
   * {@code ord} keeps the arrival order inside each channel; RETURNING gives channel and seq, from
   * which each input finds its row (its rank within its channel, counted in the same order).
   */
  private static final String APPEND_BATCH =
      "WITH input AS ("
          + "  SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::bigint[],"
          + "    ?::text[]) WITH ORDINALITY"
          + "    AS t(channel_id, author_id, content, created_at, reply_to_id, nonce, ord)),"
          + " counts AS (SELECT channel_id, count(*) AS n FROM input GROUP BY channel_id),"
          + " bumped AS (UPDATE channels c"
          + "   SET last_seq = c.last_seq + counts.n, last_pos = c.last_pos + counts.n"
          + "   FROM counts WHERE c.id = counts.channel_id"
          + "   RETURNING c.id, c.last_seq - counts.n AS seq0, c.last_pos - counts.n AS pos0),"
          + " ranked AS (SELECT i.*,"
          + "   row_number() OVER (PARTITION BY i.channel_id ORDER BY i.ord) AS rank FROM input i)"
          + " INSERT INTO messages"
          + " (channel_id, seq, pos, author_id, content, created_at, reply_to_id, nonce)"
          + " SELECT r.channel_id, b.seq0 + r.rank, b.pos0 + r.rank, r.author_id, r.content,"
          + "   r.created_at::timestamptz, r.reply_to_id, r.nonce"
          + " FROM ranked r JOIN bumped b ON b.id = r.channel_id"
          + " RETURNING id, channel_id, seq, pos";

  /** One sender's message and the answer it waits for. */
  private record Pending(NewMessage message, CompletableFuture<Message> stored) {}

  private final JdbcOperations jdbc;
  private final ConnectionOperations<Connection> connections;
  private final Function<NewMessage, Message> single;
  private final int maxBatch;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread committer;
  private final AtomicLong batches = new AtomicLong();
  private volatile boolean closed;

  MessageGroupCommit(
      JdbcOperations jdbc,
      ConnectionOperations<Connection> connections,
      Function<NewMessage, Message> single,
      int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("a batch holds at least one message");
    }
    this.jdbc = jdbc;
    this.connections = connections;
    this.single = single;
    this.maxBatch = maxBatch;
    this.committer = new Thread(this::run, "parley-group-commit");
    committer.setDaemon(true);
  }

  /** Starts committing; until then appends wait in the queue (tests line a batch up this way). */
  MessageGroupCommit start() {
    committer.start();
    return this;
  }

  /** Messages waiting for the next batch. */
  int queued() {
    return queue.size();
  }

  /** Batches committed as one transaction so far. */
  long batches() {
    return batches.get();
  }

  /** Stores the message with the next batch and returns it once that batch committed. */
  Message append(NewMessage message) {
    try {
      return appendLater(message).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the message was being stored", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Queues the message for the next batch; the future completes, on the committing thread, once
   * that batch committed. Messages queued one after another get their seqs in that order.
   */
  CompletableFuture<Message> appendLater(NewMessage message) {
    if (closed) {
      return alone(message);
    }
    Pending pending = new Pending(message, new CompletableFuture<>());
    queue.add(pending);
    if (closed && queue.remove(pending)) {
      // Closed meanwhile: the committer may be gone, so nobody would take it.
      return alone(message);
    }
    return pending.stored();
  }

  private CompletableFuture<Message> alone(NewMessage message) {
    Pending pending = new Pending(message, new CompletableFuture<>());
    storeAlone(pending);
    return pending.stored();
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    while (!closed) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        break;
      }
      queue.drainTo(batch, maxBatch - 1);
      commit(batch);
      batch.clear();
    }
    // Whoever is still waiting is stored alone rather than left hanging.
    queue.drainTo(batch);
    batch.forEach(this::storeAlone);
  }

  private void commit(List<Pending> batch) {
    if (batch.size() == 1) {
      storeAlone(batch.get(0));
      return;
    }
    List<Message> stored;
    try {
      // No explicit transaction: the locks and the insert go as one request ending in one Sync, so
      // PostgreSQL runs them as one implicit transaction and commits it before answering, which
      // saves the separate COMMIT round trip.
      stored = connections.executeWrite(status -> insert(batch));
    } catch (RuntimeException batchFailed) {
      // Nothing of the batch was committed.
      batch.forEach(this::storeAlone);
      return;
    }
    batches.incrementAndGet();
    for (int i = 0; i < batch.size(); i++) {
      Message message = stored.get(i);
      if (message == null) {
        // Its channel vanished before the batch ran (the rest is committed): alone, it gets the
        // answer a missing channel gets.
        storeAlone(batch.get(i));
      } else {
        batch.get(i).stored().complete(message);
      }
    }
  }

  private void storeAlone(Pending pending) {
    try {
      pending.stored().complete(single.apply(pending.message()));
    } catch (RuntimeException e) {
      pending.stored().completeExceptionally(e);
    }
  }

  private List<Message> insert(List<Pending> batch) {
    int n = batch.size();
    Long[] channels = new Long[n];
    Long[] authors = new Long[n];
    String[] contents = new String[n];
    String[] times = new String[n];
    Long[] replies = new Long[n];
    String[] nonces = new String[n];
    for (int i = 0; i < n; i++) {
      NewMessage m = batch.get(i).message();
      channels[i] = m.channelId();
      authors[i] = m.authorId();
      contents[i] = m.content();
      times[i] = m.createdAt().toString();
      replies[i] = m.replyToId();
      nonces[i] = m.nonce();
    }
    // Both statements go in one request: the locks are taken before the insert runs, at no extra
    // round trip, and held until the implicit transaction commits.
    Map<Long, List<long[]>> rowsByChannel =
        jdbc.prepareStatement(
            LOCK_CHANNELS + "; " + APPEND_BATCH,
            statement -> {
              bind(statement, 1, "bigint", channels);
              bind(statement, 2, "bigint", channels);
              bind(statement, 3, "bigint", authors);
              bind(statement, 4, "text", contents);
              bind(statement, 5, "text", times);
              bind(statement, 6, "bigint", replies);
              bind(statement, 7, "text", nonces);
              statement.execute();
              if (!statement.getMoreResults()) {
                throw new IllegalStateException("the batch insert returned nothing");
              }
              Map<Long, List<long[]>> rows = new HashMap<>();
              try (ResultSet rs = statement.getResultSet()) {
                while (rs.next()) {
                  rows.computeIfAbsent(rs.getLong("channel_id"), k -> new ArrayList<>())
                      .add(new long[] {rs.getLong("seq"), rs.getLong("id"), rs.getLong("pos")});
                }
              }
              return rows;
            });
    return matched(batch, rowsByChannel);
  }

  /**
   * Pairs each input with its row: the k-th message of a channel got its k-th smallest seq. Null
   * for a message whose channel had no row to bump.
   */
  private static List<Message> matched(List<Pending> batch, Map<Long, List<long[]>> rowsByChannel) {
    rowsByChannel.values().forEach(rows -> rows.sort((a, b) -> Long.compare(a[0], b[0])));
    Map<Long, Integer> taken = new LinkedHashMap<>();
    List<Message> stored = new ArrayList<>(batch.size());
    for (Pending pending : batch) {
      NewMessage m = pending.message();
      List<long[]> rows = rowsByChannel.get(m.channelId());
      int k = taken.merge(m.channelId(), 1, Integer::sum) - 1;
      if (rows == null || k >= rows.size()) {
        stored.add(null);
        continue;
      }
      long[] row = rows.get(k);
      stored.add(
          new Message(
              row[1],
              m.channelId(),
              row[0],
              m.authorId(),
              m.content(),
              m.createdAt(),
              null,
              null,
              m.replyToId(),
              m.nonce(),
              row[2]));
    }
    return stored;
  }

  private static void bind(PreparedStatement statement, int index, String type, Object[] values)
      throws SQLException {
    Connection connection = statement.getConnection();
    Array array = connection.createArrayOf(type, values);
    statement.setArray(index, array);
  }

  /** Stops taking batches; what is queued is still stored, each message alone. */
  @Override
  public void close() {
    closed = true;
    committer.interrupt();
    try {
      committer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
