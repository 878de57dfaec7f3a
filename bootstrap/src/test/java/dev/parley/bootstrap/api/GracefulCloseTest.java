package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.RawSocket;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Sockets the server closes while the client is still writing. Closing the TCP connection with the
 * client's frames unread makes the kernel send a reset, which throws away whatever the client had
 * not read yet: the error frames and the close frame. So the client must see them all, then a clean
 * end of stream (no reset), every time. On Linux loopback the frames often survive a reset; the
 * clean end is what keeps them on every client stack, and what failed before the fix.
 */
@MicronautTest(transactional = false)
class GracefulCloseTest extends ApiTestBase {
  private static final int TRIALS = 20;
  private static final int CLOSE_AFTER_REFUSALS = 10;
  private static final String HEARTBEAT = "{\"type\":\"heartbeat\"}";
  private static final Duration MAX_WRITING = Duration.ofSeconds(10);
  private static final int MAX_FRAMES = 20_000;
  private static final int UNREAD_FRAMES = 200;
  private static final int RECEIVE_BUFFER = 2048;

  @Override
  protected Map<String, String> extraProperties() {
    return Map.of(
        // A flood reaches the close within a few dozen frames.
        "parley.socket.rate-per-second", "5",
        "parley.socket.rate-burst", "5",
        "parley.socket.close-after-refusals", Integer.toString(CLOSE_AFTER_REFUSALS));
  }

  /** What the client writes first, before it keeps sending heartbeats. */
  @FunctionalInterface
  private interface Opening {
    void write(RawSocket socket) throws IOException;
  }

  /** What a client that wrote until it saw the close frame got from its socket. */
  private record Ending(List<String> texts, int closeCode, String end) {
    long errors(String code) {
      return texts.stream()
          .map(Api::parse)
          .filter(f -> "error".equals(f.get("type").getStringValue()))
          .map(f -> f.get("code"))
          .filter(c -> c != null && code.equals(c.getStringValue()))
          .count();
    }

    @Override
    public String toString() {
      return "close " + closeCode + ", " + end + ", " + texts.size() + " frames " + texts;
    }
  }

  @Test
  void aFloodingClientReadsItsRateLimitErrorsThenThe4029Close() throws Exception {
    Session alice = api.newUser("flooder");
    List<String> failures = new ArrayList<>();
    for (int trial = 0; trial < TRIALS; trial++) {
      Ending ending = writeUntilClosed(alice, socket -> {});
      if (ending.closeCode() != 4029
          || !ending.end().equals("eof")
          || ending.errors("rate_limited") < CLOSE_AFTER_REFUSALS) {
        failures.add("trial " + trial + ": " + ending);
      }
    }
    assertThat(failures).as("trials that lost frames or the close").isEmpty();
  }

  @Test
  void aJdkClientFloodingGetsItsErrorsAndThe4029CloseEveryTime() {
    Session dave = api.newUser("jdkflooder");
    List<String> failures = new ArrayList<>();
    for (int trial = 0; trial < TRIALS; trial++) {
      try (WsClient ws = WsClient.connect(api.base(), "/chat/ws?token=" + dave.token())) {
        ws.await("connected");
        try {
          for (int i = 0; i < MAX_FRAMES && !ws.isClosed(); i++) {
            ws.send(HEARTBEAT);
          }
        } catch (CompletionException closedUnderUs) {
          // The close frame may arrive while a send is under way.
        }
        Integer code = ws.awaitClose();
        long errors =
            ws.drain(Duration.ofMillis(1)).stream()
                .filter(f -> f.get("code") != null)
                .filter(f -> "rate_limited".equals(f.get("code").getStringValue()))
                .count();
        if (code == null || code != 4029 || errors < CLOSE_AFTER_REFUSALS) {
          failures.add("trial " + trial + ": close " + code + ", " + errors + " errors");
        }
      }
    }
    assertThat(failures).as("trials that lost frames or the close").isEmpty();
  }

  @Test
  void anOversizedFrameIsClosedWith1009WhileTheClientKeepsWriting() throws Exception {
    Session bob = api.newUser("bigframe");
    // One frame over the limit: refused by the frame decoder before it is read in.
    assertEveryTrialEndsWith1009(bob, socket -> socket.sendFragment(1, true, text(70_000)));
  }

  @Test
  void anOversizedFragmentedMessageIsClosedWith1009WhileTheClientKeepsWriting() throws Exception {
    Session carol = api.newUser("bigmessage");
    // Each fragment fits, the message does not: refused while it is reassembled.
    assertEveryTrialEndsWith1009(
        carol,
        socket -> {
          socket.sendFragment(1, false, text(40_000));
          socket.sendFragment(0, true, text(40_000));
        });
  }

  private void assertEveryTrialEndsWith1009(Session user, Opening oversized) throws Exception {
    List<String> failures = new ArrayList<>();
    for (int trial = 0; trial < TRIALS; trial++) {
      Ending ending = writeUntilClosed(user, oversized);
      if (ending.closeCode() != 1009 || !ending.end().equals("eof")) {
        failures.add("trial " + trial + ": " + ending);
      }
    }
    assertThat(failures).as("trials that lost the close").isEmpty();
  }

  private static byte[] text(int bytes) {
    return "x".repeat(bytes).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Opens a gateway socket with a small receive buffer, writes {@code opening} then heartbeats as
   * fast as it can, like a client busy sending that reads only now and then: it starts reading
   * after {@link #UNREAD_FRAMES} frames, so what the server sends meanwhile waits in the server's
   * send buffer, which a reset would discard. Once the close frame arrives it answers it as
   * browsers do, stops writing and reads on to the end of the stream.
   */
  private Ending writeUntilClosed(Session user, Opening opening) throws Exception {
    try (RawSocket socket =
        RawSocket.connect(api.base(), "/chat/ws?token=" + user.token(), RECEIVE_BUFFER)) {
      while (!socket.readFrame().text().contains("\"connected\"")) {
        // until registered
      }
      Object writing = new Object();
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch busy = new CountDownLatch(1);
      Thread writer =
          new Thread(
              () -> {
                long deadline = System.nanoTime() + MAX_WRITING.toNanos();
                try {
                  synchronized (writing) {
                    opening.write(socket);
                  }
                  for (int i = 0; i < MAX_FRAMES && System.nanoTime() < deadline; i++) {
                    if (i == UNREAD_FRAMES) {
                      busy.countDown();
                    }
                    synchronized (writing) {
                      if (stop.get()) {
                        return;
                      }
                      socket.sendText(HEARTBEAT);
                    }
                  }
                } catch (IOException closedUnderUs) {
                  // What the reader saw is what counts.
                } finally {
                  busy.countDown();
                }
              },
              "writer");
      writer.start();
      try {
        busy.await(MAX_WRITING.toMillis(), TimeUnit.MILLISECONDS);
        List<String> texts = new ArrayList<>();
        RawSocket.Frame frame;
        try {
          while ((frame = socket.readFrame()).opcode() != 8) {
            if (frame.opcode() == 1) {
              texts.add(frame.text());
            }
          }
        } catch (IOException e) {
          return new Ending(texts, -1, "ended before a close frame: " + e);
        }
        try {
          synchronized (writing) {
            stop.set(true);
            socket.sendClose(frame.closeCode());
          }
          return new Ending(texts, frame.closeCode(), readToEnd(socket));
        } catch (IOException e) {
          return new Ending(texts, frame.closeCode(), "ended abruptly: " + e);
        }
      } finally {
        stop.set(true);
        writer.join(MAX_WRITING.toMillis());
      }
    }
  }

  /** "eof" when the server ends the stream cleanly after its close frame. */
  private static String readToEnd(RawSocket socket) throws IOException {
    try {
      RawSocket.Frame extra = socket.readFrame();
      return "a frame after the close, opcode " + extra.opcode();
    } catch (EOFException clean) {
      return "eof";
    } catch (SocketTimeoutException stuck) {
      return "still open " + stuck.getMessage();
    }
  }
}
