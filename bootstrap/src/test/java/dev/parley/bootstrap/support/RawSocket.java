package dev.parley.bootstrap.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A hand-rolled WebSocket client over a plain TCP socket, for what browsers cannot fake: a tiny
 * receive buffer and not reading (a slow consumer), or never answering pings (a dead peer).
 */
public final class RawSocket implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  /** A server frame: opcode (1 text, 8 close, 9 ping, 10 pong) and payload. */
  public record Frame(int opcode, byte[] payload) {
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** The close code of a close frame. */
    public int closeCode() {
      return payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }
  }

  private RawSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Upgrades {@code path} (with its query) on the server at {@code base}. */
  public static RawSocket connect(URI base, String path, int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
    socket.setSoTimeout(30_000);
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    String request =
        "GET "
            + path
            + " HTTP/1.1\r\n"
            + "Host: "
            + base.getHost()
            + ":"
            + base.getPort()
            + "\r\n"
            + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: "
            + Base64.getEncoder().encodeToString(nonce)
            + "\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    RawSocket raw = new RawSocket(socket);
    String status = raw.readHeaders();
    if (!status.contains(" 101 ")) {
      socket.close();
      throw new IOException("upgrade refused: " + status);
    }
    return raw;
  }

  private String readHeaders() throws IOException {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed during the handshake");
      }
      headers.write(b);
      matched = (b == '\r' || b == '\n') && ((matched % 2 == 0) == (b == '\r')) ? matched + 1 : 0;
    }
    return headers.toString(StandardCharsets.US_ASCII).lines().findFirst().orElse("");
  }

  /** Sends a masked text frame, as clients must. */
  public void sendText(String text) throws IOException {
    WireFrames.writeText(out, text);
  }

  /** Sends one masked frame of a fragmented message: opcode 1 starts it, 0 continues it. */
  public void sendFragment(int opcode, boolean last, byte[] payload) throws IOException {
    WireFrames.write(out, last, opcode, payload);
  }

  /** Sends a close frame with {@code code}, as a client answering the server's close does. */
  public void sendClose(int code) throws IOException {
    WireFrames.write(out, true, 8, new byte[] {(byte) (code >>> 8), (byte) code});
  }

  /** The next frame from the server; throws EOFException when the connection ends. */
  public Frame readFrame() throws IOException {
    return WireFrames.read(in);
  }

  /** Reads frames until a close frame; returns its code, or -1 if the connection just ended. */
  public int readUntilClose() throws IOException {
    try {
      while (true) {
        Frame frame = readFrame();
        if (frame.opcode() == 8) {
          return frame.closeCode();
        }
      }
    } catch (EOFException | java.net.SocketException ended) {
      return -1;
    }
  }

  public InputStream input() {
    return in;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
