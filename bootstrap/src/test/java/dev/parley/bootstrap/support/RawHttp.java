package dev.parley.bootstrap.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 request written by hand, for headers java.net.http refuses to send (such as {@code
 * Upgrade} on a plain REST call); answers the status code only.
 */
public final class RawHttp {
  private RawHttp() {}

  /**
   * Sends {@code method path} with a {@code body} (JSON unless a Content-Type header says
   * otherwise) and the given header lines ("Name: value"); the server closes the connection after
   * answering.
   */
  public static int status(URI base, String method, String path, String body, String... headers) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
      socket.setSoTimeout(20_000);
      byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
      request.append("Host: ").append(base.getHost()).append(':').append(base.getPort());
      request.append("\r\nConnection: close\r\n");
      boolean typed = false;
      for (String header : headers) {
        typed |= header.toLowerCase(Locale.ROOT).startsWith("content-type:");
        request.append(header).append("\r\n");
      }
      if (body != null && !typed) {
        request.append("Content-Type: application/json\r\n");
      }
      request.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      String statusLine = readLine(socket.getInputStream());
      String[] parts = statusLine.split(" ");
      if (parts.length < 2) {
        throw new IOException("no HTTP answer: '" + statusLine + "'");
      }
      return Integer.parseInt(parts[1]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
}
