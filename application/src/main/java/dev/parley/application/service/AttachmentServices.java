package dev.parley.application.service;

import dev.parley.application.port.in.DownloadAttachmentUseCase;
import dev.parley.application.port.in.UploadAttachmentCommand;
import dev.parley.application.port.in.UploadAttachmentUseCase;
import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.AttachmentRepository.NewAttachment;
import dev.parley.application.port.out.AttachmentStorage;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.error.TooLarge;
import dev.parley.domain.message.Attachment;
import dev.parley.domain.message.Filename;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Uploads and downloads. An upload needs the right to post in the channel, must be what its type
 * says (judged from its first bytes), must fit in the uploader's quota, is measured and hashed
 * while stored (the declared size is only a first check) and is recorded once its bytes are safe. A
 * download needs the right to read the channel; what the caller may not see is not found.
 */
public final class AttachmentServices
    implements UploadAttachmentUseCase, DownloadAttachmentUseCase {
  private final AccessGuard guard;
  private final AttachmentRepository attachments;
  private final AttachmentStorage storage;
  private final MessageRepository messages;
  private final AttachmentLimits limits;
  private final Clock clock;

  public AttachmentServices(
      AccessGuard guard,
      AttachmentRepository attachments,
      AttachmentStorage storage,
      MessageRepository messages,
      AttachmentLimits limits,
      Clock clock) {
    this.guard = guard;
    this.attachments = attachments;
    this.storage = storage;
    this.messages = messages;
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public Attachment upload(UploadAttachmentCommand command) {
    guard.requirePoster(command.userId(), command.channelId(), command.expected(), clock.instant());
    String filename = Filename.valid(command.filename());
    // A declared type that could never pass is refused before anything is read.
    limits.precheck(command.contentType());
    if (command.size() > limits.maxBytes()) {
      throw tooLarge();
    }
    if (command.size() == 0) {
      throw new InvalidInput("file", "the file is empty");
    }
    if (command.content() == null) {
      throw new InvalidInput("file", "a file is required");
    }
    // A first look, so an upload that cannot fit is refused before its bytes are read; the
    // quota is checked again, atomically, when the upload is recorded.
    long stored = attachments.storedBytesOf(command.userId());
    long room = limits.maxBytesPerUser() - stored;
    if (room <= 0 || command.size() > room) {
      throw overQuota(stored);
    }
    byte[] head = head(command.content());
    if (head.length == 0) {
      throw new InvalidInput("file", "the file is empty");
    }
    String contentType = limits.resolveType(command.contentType(), head);
    // A fresh random key: nothing the client sends ever becomes part of a storage path.
    String key = UUID.randomUUID().toString();
    Measured measured =
        new Measured(
            new SequenceInputStream(new ByteArrayInputStream(head), command.content()),
            limits.maxBytes(),
            room,
            stored);
    storage.put(key, measured);
    if (measured.count == 0) {
      storage.delete(key);
      throw new InvalidInput("file", "the file is empty");
    }
    Optional<Attachment> saved;
    try {
      saved =
          attachments.saveWithinQuota(
              new NewAttachment(
                  command.channelId(),
                  command.userId(),
                  filename,
                  contentType,
                  measured.count,
                  measured.sha256(),
                  key,
                  clock.instant()),
              limits.maxBytesPerUser());
    } catch (RuntimeException e) {
      storage.delete(key);
      throw e;
    }
    if (saved.isEmpty()) {
      // Another upload of the same user took the room while this one was being stored.
      storage.delete(key);
      throw overQuota(attachments.storedBytesOf(command.userId()));
    }
    return saved.get();
  }

  @Override
  public Attachment describe(long userId, long attachmentId) {
    return visible(userId, attachmentId);
  }

  @Override
  public Download open(long userId, long attachmentId) {
    Attachment attachment = visible(userId, attachmentId);
    InputStream content =
        storage
            .open(attachment.storageKey())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "bytes of attachment " + attachmentId + " are missing from storage"));
    return new Download(attachment, content);
  }

  /**
   * The attachment if the caller may read its channel, by the same rule as history; an upload not
   * yet sent is its uploader's alone, and one whose message was deleted is gone with it.
   */
  private Attachment visible(long userId, long attachmentId) {
    Attachment attachment =
        attachments.findById(attachmentId).orElseThrow(() -> new NotFound("Attachment not found"));
    try {
      guard.requireChannel(userId, attachment.channelId(), ChannelExpectation.ANY);
    } catch (NotFound invisible) {
      throw new NotFound("Attachment not found");
    }
    boolean shown =
        attachment.isAttached()
            ? messages.findById(attachment.messageId()).filter(m -> !m.isDeleted()).isPresent()
            : attachment.uploaderId() == userId;
    if (!shown) {
      throw new NotFound("Attachment not found");
    }
    return attachment;
  }

  private TooLarge tooLarge() {
    return new TooLarge("the file is larger than " + limits.maxBytes() + " bytes");
  }

  private TooLarge overQuota(long stored) {
    return new TooLarge(
        "upload quota exceeded: your files take "
            + stored
            + " of the "
            + limits.maxBytesPerUser()
            + " bytes each user may keep; delete messages with files to make room");
  }

  /** The first bytes of the upload, from which its type is judged. */
  private static byte[] head(InputStream content) {
    try {
      return content.readNBytes(ContentSniffer.HEAD_BYTES);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the upload", e);
    }
  }

  /** Counts and hashes what passes through, and fails as soon as it passes the limit. */
  private final class Measured extends FilterInputStream {
    private final MessageDigest digest;
    private final long max;
    private final long room;
    private final long stored;
    private long count;

    Measured(InputStream in, long max, long room, long stored) {
      super(in);
      this.max = max;
      this.room = room;
      this.stored = stored;
      try {
        this.digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JVM has SHA-256", e);
      }
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counted(1);
        digest.update((byte) b);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        counted(n);
        digest.update(buffer, offset, n);
      }
      return n;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    @Override
    public long skip(long n) {
      // Skipped bytes would escape the hash; storage has no reason to skip.
      return 0;
    }

    private void counted(int n) {
      count += n;
      if (count > max) {
        throw tooLarge();
      }
      if (count > room) {
        throw overQuota(stored);
      }
    }

    String sha256() {
      return HexFormat.of().formatHex(digest.digest());
    }
  }
}
