package dev.parley.bootstrap.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket upgrade sent by hand, with whatever Host, Origin or X-Forwarded-For a test needs,
 * answered with the status, headers and (for a refusal) JSON body; a 101 keeps the socket open.
 */
public final class Handshake implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Socket socket;
  private final DataInputStream in;
  private final int status;
  private final Map<String, String> headers;
  private final String body;

  private Handshake(
      Socket socket, DataInputStream in, int status, Map<String, String> headers, String body) {
    this.socket = socket;
    this.in = in;
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /**
   * Upgrades {@code path} on the server at {@code base}; {@code extra} are header lines ("Name:
   * value"). A Host line among them replaces the default one.
   */
  public static Handshake send(URI base, String path, String... extra) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
    socket.setSoTimeout(15_000);
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
    boolean hostGiven = false;
    for (String line : extra) {
      hostGiven |= line.toLowerCase(Locale.ROOT).startsWith("host:");
      request.append(line).append("\r\n");
    }
    if (!hostGiven) {
      request.append("Host: ").append(base.getHost()).append(':').append(base.getPort());
      request.append("\r\n");
    }
    request
        .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
        .append("Sec-WebSocket-Key: ")
        .append(Base64.getEncoder().encodeToString(nonce))
        .append("\r\nSec-WebSocket-Version: 13\r\n\r\n");
    socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
    DataInputStream in = new DataInputStream(socket.getInputStream());
    String head = readHead(in);
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    String body = "";
    if (status != 101) {
      body = readBody(in, headers);
      socket.close();
    }
    return new Handshake(socket, in, status, headers, body);
  }

  private static String readBody(DataInputStream in, Map<String, String> headers)
      throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      while (true) {
        int size = Integer.parseInt(readLine(in).split(";")[0].strip(), 16);
        if (size == 0) {
          break;
        }
        byte[] chunk = new byte[size];
        in.readFully(chunk);
        body.write(chunk);
        readLine(in);
      }
    } else {
      byte[] bytes = new byte[Integer.parseInt(headers.getOrDefault("content-length", "0"))];
      in.readFully(bytes);
      body.write(bytes);
    }
    return body.toString(StandardCharsets.UTF_8);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed during the handshake");
      }
      head.write(b);
      matched = (b == '\r' || b == '\n') && ((matched % 2 == 0) == (b == '\r')) ? matched + 1 : 0;
    }
    return head.toString(StandardCharsets.US_ASCII).strip();
  }

  public int status() {
    return status;
  }

  /** A response header, by case-insensitive name, or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  public String body() {
    return body;
  }

  /** After a 101: sends a masked text frame, as clients must. */
  public void sendText(String text) throws IOException {
    WireFrames.writeText(socket.getOutputStream(), text);
  }

  /**
   * After a 101: the text of the first text frame, or "close:CODE" if a close frame comes first, or
   * null when nothing arrives within {@code millis}.
   */
  public String firstFrame(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      while (true) {
        RawSocket.Frame frame = WireFrames.read(in);
        if (frame.opcode() == 1) {
          return frame.text();
        }
        if (frame.opcode() == 8) {
          return "close:" + frame.closeCode();
        }
      }
    } catch (SocketTimeoutException e) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
