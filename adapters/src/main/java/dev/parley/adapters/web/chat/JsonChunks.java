package dev.parley.adapters.web.chat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A JSON document built as a lazy sequence of byte chunks and read as an {@link InputStream}: each
 * part is produced only when the reader gets to it, so a document of any length streams in bounded
 * memory. (Not Java streams: their {@code flatMap} behind {@code iterator()} may buffer a whole
 * inner stream.)
 */
final class JsonChunks {
  private JsonChunks() {}

  /** One literal chunk. */
  static Iterator<byte[]> text(String json) {
    return List.of(json.getBytes(StandardCharsets.UTF_8)).iterator();
  }

  /** The parts one after another, each built when the previous one is used up. */
  static Iterator<byte[]> sequence(List<Supplier<Iterator<byte[]>>> parts) {
    Iterator<Supplier<Iterator<byte[]>>> each = parts.iterator();
    return flatten(
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return each.hasNext();
          }

          @Override
          public Iterator<byte[]> next() {
            return each.next().get();
          }
        });
  }

  /** A JSON array of the items, each written by {@code element} when the reader reaches it. */
  static <T> Iterator<byte[]> array(Iterable<T> items, Function<T, Iterator<byte[]>> element) {
    Iterator<T> each = items.iterator();
    return flatten(
        new Iterator<>() {
          private boolean opened;
          private boolean first = true;
          private boolean closed;

          @Override
          public boolean hasNext() {
            return !closed;
          }

          @Override
          public Iterator<byte[]> next() {
            if (closed) {
              throw new NoSuchElementException();
            }
            if (!opened) {
              opened = true;
              return text("[");
            }
            if (!each.hasNext()) {
              closed = true;
              return text("]");
            }
            T item = each.next();
            Iterator<byte[]> written = element.apply(item);
            if (first) {
              first = false;
              return written;
            }
            return flatten(List.of(text(","), written).iterator());
          }
        });
  }

  /** The chunks as a stream that fills each read as far as it can, for fewer, fuller writes. */
  static InputStream stream(Iterator<byte[]> chunks) {
    return new InputStream() {
      private byte[] current = new byte[0];
      private int position;

      private boolean ready() throws IOException {
        while (position >= current.length) {
          try {
            if (!chunks.hasNext()) {
              return false;
            }
            current = chunks.next();
          } catch (RuntimeException e) {
            // The response has begun: all that is left is to cut it short, which the client sees
            // as a broken download rather than a complete but wrong document.
            throw new IOException("the export could not be read to its end", e);
          }
          position = 0;
        }
        return true;
      }

      @Override
      public int read() throws IOException {
        return ready() ? current[position++] & 0xff : -1;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
          return 0;
        }
        int filled = 0;
        while (filled < length && ready()) {
          int n = Math.min(length - filled, current.length - position);
          System.arraycopy(current, position, buffer, offset + filled, n);
          position += n;
          filled += n;
        }
        return filled == 0 ? -1 : filled;
      }
    };
  }

  private static Iterator<byte[]> flatten(Iterator<Iterator<byte[]>> parts) {
    return new Iterator<>() {
      private Iterator<byte[]> current = List.<byte[]>of().iterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext()) {
          if (!parts.hasNext()) {
            return false;
          }
          current = parts.next();
        }
        return true;
      }

      @Override
      public byte[] next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }
}
