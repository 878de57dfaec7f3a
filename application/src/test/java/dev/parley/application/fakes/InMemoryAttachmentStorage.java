package dev.parley.application.fakes;

import dev.parley.application.port.out.AttachmentStorage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link AttachmentStorage} in a map, which tests can inspect. */
public class InMemoryAttachmentStorage implements AttachmentStorage {
  public final Map<String, byte[]> files = new ConcurrentHashMap<>();

  @Override
  public void put(String key, InputStream content) {
    if (files.containsKey(key)) {
      throw new IllegalStateException("key already used: " + key);
    }
    byte[] bytes;
    try {
      bytes = content.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    files.put(key, bytes);
  }

  @Override
  public Optional<InputStream> open(String key) {
    return Optional.ofNullable(files.get(key)).map(ByteArrayInputStream::new);
  }

  @Override
  public void delete(String key) {
    files.remove(key);
  }
}
