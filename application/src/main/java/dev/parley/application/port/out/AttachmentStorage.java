package dev.parley.application.port.out;

import java.io.InputStream;
import java.util.Optional;

/**
 * Keeps the bytes of attachments under opaque keys that the application generates. I/O failures
 * surface as {@link java.io.UncheckedIOException}.
 */
public interface AttachmentStorage {

  /**
   * Stores everything {@code content} yields under the new {@code key}; a failure, including one
   * thrown by {@code content} itself, leaves nothing behind under the key.
   */
  void put(String key, InputStream content);

  /** The stored bytes, to be closed by the caller; empty when nothing is stored under the key. */
  Optional<InputStream> open(String key);

  /** Removes the bytes; a missing key is not an error. */
  void delete(String key);
}
