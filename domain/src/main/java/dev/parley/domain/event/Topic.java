package dev.parley.domain.event;

/**
 * Who an event is for, as a routing key. Gateway connections follow the servers of their user (plus
 * their conversations and their user topic); single-channel connections follow one channel. An
 * event lists each connection's topic at most once, so no connection receives it twice.
 */
public record Topic(Kind kind, long id) {

  /** The three families of topics. */
  public enum Kind {
    SERVER,
    CHANNEL,
    USER
  }

  public static Topic server(long id) {
    return new Topic(Kind.SERVER, id);
  }

  public static Topic channel(long id) {
    return new Topic(Kind.CHANNEL, id);
  }

  public static Topic user(long id) {
    return new Topic(Kind.USER, id);
  }
}
