package dev.parley.domain.user;

import dev.parley.domain.error.InvalidInput;
import java.util.regex.Pattern;

/** An optional contact address, loosely validated (one '@', no spaces, at most 254 characters). */
public record Email(String value) {
  private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+");

  public Email {
    if (value == null || value.length() > 254 || !SHAPE.matcher(value.strip()).matches()) {
      throw new InvalidInput("email", "email must look like name@example.com");
    }
    value = value.strip();
  }

  /** Null or blank means "no email". */
  public static Email ofNullable(String value) {
    return value == null || value.isBlank() ? null : new Email(value);
  }
}
