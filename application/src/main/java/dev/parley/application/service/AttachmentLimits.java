package dev.parley.application.service;

import dev.parley.domain.error.InvalidInput;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What an upload may be: at most {@code maxBytes}, one of {@code allowedTypes} (media types without
 * parameters, lower case), with bytes that are what the type says, and within the uploader's {@code
 * maxBytesPerUser} of stored files in all. Types a browser would render as a page or run, such as
 * HTML and SVG, are deliberately not among the defaults, and bytes that look like markup are
 * refused under any declared type.
 */
public record AttachmentLimits(long maxBytes, Set<String> allowedTypes, long maxBytesPerUser) {
  /** What is echoed back in an error: only something shaped like a media type. */
  private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9.+-]{1,50}/[a-z0-9.+-]{1,50}");

  public static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;
  public static final long DEFAULT_MAX_BYTES_PER_USER = 1024L * 1024 * 1024;

  /** A declaration that leaves the type to the bytes. */
  static final String UNSPECIFIED = "application/octet-stream";

  /**
   * Types that share a container format, so the bytes cannot tell them apart (an MP4 may be sound
   * only; a WebM or Ogg file may be sound or film): a declared type must be in the family of the
   * sniffed one.
   */
  private static final Map<String, String> FAMILY =
      Map.ofEntries(
          Map.entry("image/png", "png"),
          Map.entry("image/jpeg", "jpeg"),
          Map.entry("image/pjpeg", "jpeg"),
          Map.entry("image/gif", "gif"),
          Map.entry("image/webp", "webp"),
          Map.entry("application/pdf", "pdf"),
          Map.entry("application/zip", "zip"),
          Map.entry("application/x-zip-compressed", "zip"),
          Map.entry("audio/mpeg", "mp3"),
          Map.entry("audio/mp3", "mp3"),
          Map.entry("audio/ogg", "ogg"),
          Map.entry("video/ogg", "ogg"),
          Map.entry("application/ogg", "ogg"),
          Map.entry("audio/wav", "wav"),
          Map.entry("audio/x-wav", "wav"),
          Map.entry("audio/wave", "wav"),
          Map.entry("audio/vnd.wave", "wav"),
          Map.entry("audio/webm", "webm"),
          Map.entry("video/webm", "webm"),
          Map.entry("audio/mp4", "isobmff"),
          Map.entry("audio/x-m4a", "isobmff"),
          Map.entry("video/mp4", "isobmff"),
          Map.entry("video/quicktime", "isobmff"),
          Map.entry("text/plain", "text"));

  public static final Set<String> DEFAULT_TYPES =
      Set.of(
          "image/png",
          "image/jpeg",
          "image/gif",
          "image/webp",
          "application/pdf",
          "text/plain",
          "application/zip",
          "audio/mpeg",
          "audio/ogg",
          "audio/wav",
          "audio/webm",
          "audio/mp4",
          "video/mp4",
          "video/webm",
          "video/ogg",
          "video/quicktime");

  public AttachmentLimits {
    if (maxBytes <= 0 || maxBytesPerUser <= 0) {
      throw new IllegalArgumentException("maxBytes and maxBytesPerUser must be positive");
    }
    allowedTypes = Set.copyOf(allowedTypes.stream().map(AttachmentLimits::base).toList());
  }

  public AttachmentLimits(long maxBytes, Set<String> allowedTypes) {
    this(maxBytes, allowedTypes, DEFAULT_MAX_BYTES_PER_USER);
  }

  public static AttachmentLimits defaults() {
    return new AttachmentLimits(DEFAULT_MAX_BYTES, DEFAULT_TYPES);
  }

  /**
   * Refuses a declared type that could never pass, before any byte is read; {@code
   * application/octet-stream} leaves the type to the bytes.
   */
  public void precheck(String declared) {
    if (declared == null || !base(declared).equals(UNSPECIFIED)) {
      requireAllowed(declared);
    }
  }

  /**
   * The type an upload is stored under, given what the client declared and the file's first bytes
   * ({@link ContentSniffer#HEAD_BYTES} of them, or all if shorter): the declared type when it is
   * allowed and the bytes agree with it, the sniffed type when the client declared {@code
   * application/octet-stream}. Markup is refused whatever the declaration. A type with no known
   * signature (one an operator added to the allow-list) is taken as declared, unless it is a {@code
   * text/} type and the bytes are not text.
   */
  public String resolveType(String declared, byte[] head) {
    ContentSniffer.Sniffed sniffed = ContentSniffer.sniff(head);
    if (sniffed.kind() == ContentSniffer.Kind.MARKUP) {
      throw new InvalidInput(
          "file", "the file looks like HTML, SVG or XML markup, which is never accepted");
    }
    String type = declared == null ? "" : base(declared);
    if (type.equals(UNSPECIFIED)) {
      if (sniffed.kind() != ContentSniffer.Kind.TYPE) {
        throw new InvalidInput(
            "content_type",
            "the file's type is not recognised; allowed: "
                + String.join(", ", new TreeSet<>(allowedTypes)));
      }
      return requireAllowed(sniffed.type());
    }
    type = requireAllowed(type);
    String family = FAMILY.get(type);
    boolean agrees;
    if (family != null) {
      agrees =
          sniffed.kind() == ContentSniffer.Kind.TYPE && family.equals(FAMILY.get(sniffed.type()));
    } else if (type.startsWith("text/")) {
      agrees = sniffed.kind() == ContentSniffer.Kind.TYPE && sniffed.type().equals("text/plain");
    } else {
      agrees = true;
    }
    if (!agrees) {
      throw new InvalidInput(
          "content_type",
          "the file's content is not "
              + type
              + (sniffed.kind() == ContentSniffer.Kind.TYPE
                  ? " (it looks like " + sniffed.type() + ")"
                  : ""));
    }
    return type;
  }

  /** The allowed media type a client declared, without parameters, or an error listing them. */
  public String requireAllowed(String contentType) {
    String type = contentType == null ? "" : base(contentType);
    if (!allowedTypes.contains(type)) {
      String what =
          type.isEmpty()
              ? "a content type is required"
              : MEDIA_TYPE.matcher(type).matches()
                  ? "content type " + type + " is not allowed"
                  : "this content type is not allowed";
      throw new InvalidInput(
          "content_type", what + "; allowed: " + String.join(", ", new TreeSet<>(allowedTypes)));
    }
    return type;
  }

  private static String base(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .strip()
        .toLowerCase(Locale.ROOT);
  }
}
