package dev.parley.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDiskAttachmentStorageTest {
  @TempDir Path dataDir;

  private LocalDiskAttachmentStorage storage() {
    return new LocalDiskAttachmentStorage(dataDir.resolve("attachments"));
  }

  private static byte[] read(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  private Stream<Path> filesUnderRoot() throws IOException {
    return Files.list(dataDir.resolve("attachments"));
  }

  @Test
  void storesReadsAndDeletesUnderTheKeyBelowTheRoot() throws IOException {
    LocalDiskAttachmentStorage storage = storage();
    byte[] bytes = new byte[3 * 1024 * 1024 + 7];
    new Random(42).nextBytes(bytes);
    String key = UUID.randomUUID().toString();

    storage.put(key, new ByteArrayInputStream(bytes));

    assertThat(dataDir.resolve("attachments").resolve(key)).isRegularFile().hasBinaryContent(bytes);
    assertThat(read(storage.open(key).orElseThrow())).isEqualTo(bytes);
    try (Stream<Path> files = filesUnderRoot()) {
      assertThat(files).containsExactly(dataDir.resolve("attachments").resolve(key));
    }

    storage.delete(key);
    storage.delete(key);
    assertThat(storage.open(key)).isEmpty();
  }

  @Test
  void aFailedWriteLeavesNothingBehind() throws IOException {
    LocalDiskAttachmentStorage storage = storage();
    String key = UUID.randomUUID().toString();
    InputStream failing =
        new InputStream() {
          private int served;

          @Override
          public int read() {
            if (served++ > 100_000) {
              throw new IllegalStateException("client went away");
            }
            return 'x';
          }
        };

    assertThatThrownBy(() -> storage.put(key, failing)).hasMessage("client went away");

    assertThat(storage.open(key)).isEmpty();
    try (Stream<Path> files = filesUnderRoot()) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void keysCannotNameAnythingOutsideTheRoot() {
    LocalDiskAttachmentStorage storage = storage();
    for (String key :
        new String[] {"../escape", "a/b", "/etc/passwd", "..", ".upload-x", "", "a b", "C:\\x"}) {
      assertThatThrownBy(() -> storage.put(key, new ByteArrayInputStream(new byte[1])))
          .as(key)
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> storage.open(key)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> storage.delete(key)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(dataDir.resolve("escape")).doesNotExist();
  }

  @Test
  void aKeyIsNeverOverwritten() throws IOException {
    LocalDiskAttachmentStorage storage = storage();
    String key = UUID.randomUUID().toString();
    storage.put(key, new ByteArrayInputStream(new byte[] {1}));

    assertThatThrownBy(() -> storage.put(key, new ByteArrayInputStream(new byte[] {2})))
        .isInstanceOf(UncheckedIOException.class);

    assertThat(read(storage.open(key).orElseThrow())).containsExactly(1);
    try (Stream<Path> files = filesUnderRoot()) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void theRootIsCreatedOnFirstWriteOnly() {
    LocalDiskAttachmentStorage storage = storage();

    assertThat(storage.open(UUID.randomUUID().toString())).isEmpty();
    assertThat(dataDir.resolve("attachments")).doesNotExist();
  }
}
