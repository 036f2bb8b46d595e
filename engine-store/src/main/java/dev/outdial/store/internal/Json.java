package dev.outdial.store.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The few JSON values the store keeps in text columns (a recipient's variables, a campaign's
 * invalid recipients and duplicate indexes): objects, arrays, strings, integers and {@code null}.
 * Readable with {@code sqlite3} or {@code psql}; no JSON library for so little.
 */
final class Json {
  private Json() {}

  /**
   * Writes a {@code Map<String, ?>}, {@code List<?>}, {@code String}, {@code Integer}/{@code Long}
   * or {@code null}.
   */
  static String write(@Nullable Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(@Nullable Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      writeString(s, out);
    } else if (value instanceof Integer || value instanceof Long) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString((String) entry.getKey(), out);
        out.append(':');
        write(entry.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(list.get(i), out);
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("cannot write a " + value.getClass() + " as JSON");
    }
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          // Control characters and lone surrogates as \\u escapes: the text stays valid UTF-8
          // (and PostgreSQL's text cannot hold U+0000 at all).
          if (c < 0x20 || Character.isSurrogate(c) && !pairedSurrogate(s, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean pairedSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /**
   * Reads one value: a {@code LinkedHashMap} (in text order), an {@code ArrayList}, a {@code
   * String}, a {@code Long} or {@code null}.
   *
   * @throws IllegalArgumentException saying where the text is not such JSON
   */
  static @Nullable Object read(String text) {
    Reader reader = new Reader(text);
    Object value = reader.value();
    reader.skipSpace();
    if (reader.at < text.length()) {
      throw reader.error("text after the value");
    }
    return value;
  }

  private static final class Reader {
    private final String text;
    private int at;

    Reader(String text) {
      this.text = text;
    }

    @Nullable Object value() {
      skipSpace();
      if (at >= text.length()) {
        throw error("end of text where a value was expected");
      }
      char c = text.charAt(at);
      if (c == '"') {
        return string();
      } else if (c == '{') {
        return object();
      } else if (c == '[') {
        return array();
      } else if (c == '-' || c >= '0' && c <= '9') {
        return number();
      } else if (text.startsWith("null", at)) {
        at += 4;
        return null;
      }
      throw error("unexpected '" + c + "'");
    }

    private Map<String, @Nullable Object> object() {
      Map<String, @Nullable Object> map = new LinkedHashMap<>();
      at++;
      skipSpace();
      if (peek() == '}') {
        at++;
        return map;
      }
      while (true) {
        skipSpace();
        if (peek() != '"') {
          throw error("a key was expected");
        }
        String key = string();
        skipSpace();
        expect(':');
        map.put(key, value());
        skipSpace();
        if (peek() == ',') {
          at++;
        } else {
          expect('}');
          return map;
        }
      }
    }

    private List<@Nullable Object> array() {
      List<@Nullable Object> list = new ArrayList<>();
      at++;
      skipSpace();
      if (peek() == ']') {
        at++;
        return list;
      }
      while (true) {
        list.add(value());
        skipSpace();
        if (peek() == ',') {
          at++;
        } else {
          expect(']');
          return list;
        }
      }
    }

    private Long number() {
      int start = at;
      if (peek() == '-') {
        at++;
      }
      while (at < text.length() && Character.isDigit(text.charAt(at))) {
        at++;
      }
      try {
        return Long.parseLong(text.substring(start, at));
      } catch (NumberFormatException e) {
        throw error("not an integer");
      }
    }

    private String string() {
      at++;
      StringBuilder out = null;
      int runStart = at;
      while (true) {
        if (at >= text.length()) {
          throw error("unterminated string");
        }
        char c = text.charAt(at);
        if (c == '"') {
          String run = text.substring(runStart, at++);
          return out == null ? run : out.append(run).toString();
        }
        if (c != '\\') {
          at++;
          continue;
        }
        if (out == null) {
          out = new StringBuilder();
        }
        out.append(text, runStart, at);
        at++;
        if (at >= text.length()) {
          throw error("unterminated escape");
        }
        char escaped = text.charAt(at++);
        switch (escaped) {
          case '"', '\\', '/' -> out.append(escaped);
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            if (at + 4 > text.length()) {
              throw error("short \\u escape");
            }
            try {
              out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            } catch (NumberFormatException e) {
              throw error("bad \\u escape");
            }
            at += 4;
          }
          default -> throw error("unknown escape \\" + escaped);
        }
        runStart = at;
      }
    }

    private char peek() {
      if (at >= text.length()) {
        throw error("unexpected end of text");
      }
      return text.charAt(at);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("'" + c + "' was expected");
      }
      at++;
    }

    void skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          "stored JSON is malformed at character " + at + ": " + what);
    }
  }
}
