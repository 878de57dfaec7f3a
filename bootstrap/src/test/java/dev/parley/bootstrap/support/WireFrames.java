package dev.parley.bootstrap.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** WebSocket frames written and read by hand, for the raw test clients. */
final class WireFrames {
  private static final SecureRandom RANDOM = new SecureRandom();

  private WireFrames() {}

  /** Writes a masked text frame, as clients must. */
  static void writeText(OutputStream out, String text) throws IOException {
    write(out, true, 1, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes one masked frame: {@code opcode} 0 continues a fragmented message, 1 is text, 8 close;
   * {@code fin} ends the message.
   */
  static void write(OutputStream out, boolean fin, int opcode, byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write((fin ? 0x80 : 0) | opcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length < 65536) {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >>> shift) & 0xff);
      }
    }
    byte[] mask = new byte[4];
    RANDOM.nextBytes(mask);
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  /** Reads the next (unmasked, server) frame. */
  static RawSocket.Frame read(DataInputStream in) throws IOException {
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    long length = second & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new RawSocket.Frame(first & 0x0f, payload);
  }
}
