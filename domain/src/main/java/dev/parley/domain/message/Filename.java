package dev.parley.domain.message;

import dev.parley.domain.error.InvalidInput;

/**
 * The name an uploaded file is offered under: the last segment of what the client sent (browsers
 * and tools may send a whole path), trimmed, 1–255 characters, no control characters. It is only
 * ever shown and sent back, never used to build a path.
 */
public final class Filename {
  public static final int MAX = 255;

  private Filename() {}

  public static String valid(String filename) {
    if (filename == null || filename.isBlank()) {
      throw new InvalidInput("filename", "filename is required");
    }
    String name =
        filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
    name = name.strip();
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      throw new InvalidInput("filename", "filename must name a file");
    }
    if (name.length() > MAX) {
      throw new InvalidInput("filename", "filename must be at most " + MAX + " characters");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInput("filename", "filename must not contain control characters");
    }
    return name;
  }
}
