package dev.parley.application.service;

import dev.parley.domain.error.InvalidInput;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What an upload may be: at most {@code maxBytes}, and one of {@code allowedTypes} (media types
 * without parameters, lower case). Types a browser would render as a page or run, such as HTML and
 * SVG, are deliberately not among the defaults.
 */
public record AttachmentLimits(long maxBytes, Set<String> allowedTypes) {
  /** What is echoed back in an error: only something shaped like a media type. */
  private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9.+-]{1,50}/[a-z0-9.+-]{1,50}");

  public static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;
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
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    allowedTypes = Set.copyOf(allowedTypes.stream().map(AttachmentLimits::base).toList());
  }

  public static AttachmentLimits defaults() {
    return new AttachmentLimits(DEFAULT_MAX_BYTES, DEFAULT_TYPES);
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
