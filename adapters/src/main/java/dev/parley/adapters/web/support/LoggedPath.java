package dev.parley.adapters.web.support;

import io.micronaut.http.HttpRequest;
import java.util.regex.Pattern;

/**
 * A request path as it may be written to a log: without its query string (socket URLs carry tokens
 * there) and with secrets that travel in the path itself (invite codes, incoming webhooks' secrets)
 * masked.
 */
public final class LoggedPath {
  /** Path segments that are bearer secrets: whoever reads them from a log can use them. */
  private static final Pattern SECRET_SEGMENTS =
      Pattern.compile("(/invites/|/chat/+webhooks/+[^/]*/+)[^/]+");

  private LoggedPath() {}

  /** The request's path, safe to log. */
  public static String of(HttpRequest<?> request) {
    return mask(request.getPath());
  }

  /** {@code path} with its secret segments replaced by {@code ***}. */
  public static String mask(String path) {
    return SECRET_SEGMENTS.matcher(path).replaceAll("$1***");
  }
}
