package dev.outdial.server.internal;

/**
 * How much of a client's text an answer repeats: at most {@value #MAX_CHARS} characters, then
 * {@code ...}, so that no answer grows with what was sent (docs/server.md, "Hostile input").
 */
final class Quoted {
  static final int MAX_CHARS = 100;

  private Quoted() {}

  /** At most {@value #MAX_CHARS} characters of {@code text}, then {@code ...} if there was more. */
  static String cut(String text) {
    return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "...";
  }
}
