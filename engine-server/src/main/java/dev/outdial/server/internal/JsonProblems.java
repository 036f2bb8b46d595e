package dev.outdial.server.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says what is wrong with a malformed body, and where, in a client's words: {@code malformed JSON
 * at line L, column C: expected ':' after a field name, found '"'}. Jackson's own sentences name
 * its classes and settings ({@code StreamReadConstraints}, {@code DeserializationFeature}), so they
 * are read here and never passed on; one this class does not know becomes a plain "not well-formed
 * JSON".
 */
final class JsonProblems {
  private static final Pattern UNEXPECTED =
      Pattern.compile("^Unexpected character \\('(.+?)' \\(code (\\d+)\\)\\)(.*)", Pattern.DOTALL);
  private static final Pattern QUOTED = Pattern.compile("^[^']*'(.*?)'", Pattern.DOTALL);
  private static final Pattern CODE = Pattern.compile("code (\\d+)");
  private static final Pattern LIMIT = Pattern.compile("maximum allowed \\((\\d+)");
  private static final Pattern CLOSE =
      Pattern.compile("^Unexpected close marker '(.)': expected '(.)'");
  private static final String WORDS =
      " (text needs double quotes; the words are true, false and null)";

  private JsonProblems() {}

  static String describe(JsonProcessingException e, JsonParser parser) {
    JsonLocation where = e.getLocation();
    if (where == null || where.getLineNr() < 1) {
      where = parser.currentLocation();
    }
    return "malformed JSON at line "
        + where.getLineNr()
        + ", column "
        + where.getColumnNr()
        + ": "
        + what(e);
  }

  private static String what(JsonProcessingException e) {
    String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (e instanceof StreamConstraintsException) {
      return overLimit(m);
    }
    if (e instanceof JsonEOFException || m.startsWith("Unexpected end-of-input")) {
      return "the body ends before the JSON does: an object, array or string is not closed";
    }
    if (m.startsWith("Trailing token")) {
      return "more content after the JSON value: send one JSON object";
    }
    if (m.startsWith("Duplicate field")) {
      return "field '" + quoted(m) + "' appears twice; each field may appear once";
    }
    Matcher close = CLOSE.matcher(m);
    if (close.find()) {
      return "'"
          + close.group(1)
          + "' does not close the open "
          + (close.group(2).equals("]") ? "array" : "object")
          + " (expected '"
          + close.group(2)
          + "')";
    }
    if (m.startsWith("Unrecognized token") || m.startsWith("Non-standard token")) {
      return "'" + quoted(m) + "' is not a JSON value" + WORDS;
    }
    if (m.startsWith("Illegal unquoted character")) {
      return "a control character (" + codePoint(m) + ") inside a string must be escaped, e.g. \\n";
    }
    if (m.startsWith("Illegal character")) {
      return "a control character ("
          + codePoint(m)
          + ") between values; only spaces, tabs and line breaks may be there";
    }
    if (m.startsWith("Unrecognized character escape")) {
      return "'\\"
          + quoted(m)
          + "' is not a JSON escape (use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)";
    }
    if (m.startsWith("Invalid numeric value: Leading zeroes")) {
      return "a number with a leading zero";
    }
    if (m.startsWith("Invalid numeric value")) {
      return "a malformed number";
    }
    Matcher unexpected = UNEXPECTED.matcher(m);
    if (unexpected.find()) {
      return unexpected(
          unexpected.group(1), Integer.parseInt(unexpected.group(2)), unexpected.group(3));
    }
    return "not well-formed JSON";
  }

  private static String unexpected(String character, int code, String rest) {
    String found =
        code == '\''
            ? ", found a single quote (JSON needs double quotes)"
            : ", found " + (code > 0x20 && code < 0x7F ? "'" + character + "'" : codePoint(code));
    if (rest.startsWith(" in numeric value")) {
      return "a malformed number" + found;
    }
    if (rest.contains("colon to separate field name")) {
      return "expected ':' after a field name" + found;
    }
    if (rest.contains("double-quote to start field name")) {
      return "expected a field name in double quotes" + found;
    }
    if (rest.contains("separate Object entries")) {
      return "expected ',' or '}' after a value in an object" + found;
    }
    if (rest.contains("separate Array entries")) {
      return "expected ',' or ']' after a value in an array" + found;
    }
    if (rest.contains("expected a valid value")) {
      return "expected a value (a string in double quotes, a number, an object, an array, true,"
          + " false or null)"
          + found;
    }
    return "unexpected character" + found;
  }

  /** A constraint of the parser, in the request's terms, with its number. */
  private static String overLimit(String m) {
    Matcher limit = LIMIT.matcher(m);
    String max = limit.find() ? limit.group(1) : "the allowed";
    if (m.startsWith("Document nesting depth") || m.startsWith("Depth")) {
      return "nesting deeper than " + max + " levels";
    }
    if (m.startsWith("Number")) {
      return "a number longer than " + max + " digits";
    }
    if (m.startsWith("Name")) {
      return "a field name longer than " + max + " characters";
    }
    if (m.startsWith("String")) {
      return "a string longer than " + max + " characters";
    }
    return "the JSON is larger than the server reads";
  }

  private static String quoted(String m) {
    Matcher q = QUOTED.matcher(m);
    return q.find() ? Quoted.cut(q.group(1)) : "";
  }

  private static String codePoint(String m) {
    Matcher code = CODE.matcher(m);
    return code.find() ? codePoint(Integer.parseInt(code.group(1))) : "a control character";
  }

  private static String codePoint(int code) {
    return String.format("U+%04X", code);
  }
}
