package dev.outdial.server.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** {@code ?offset=&limit=} of the calls list: offset from 0, limit 1..1000 (default 100). */
record PageQuery(int offset, int limit) {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  static PageQuery parse(@Nullable String query) {
    int offset = 0;
    int limit = DEFAULT_LIMIT;
    if (query == null || query.isEmpty()) {
      return new PageQuery(offset, limit);
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] kv = pair.split("=", 2);
      String name = decode(kv[0]);
      String value = kv.length < 2 ? "" : decode(kv[1]);
      switch (name) {
        case "offset" -> offset = number(name, value, 0, Integer.MAX_VALUE);
        case "limit" -> limit = number(name, value, 1, MAX_LIMIT);
        default ->
            throw new ApiError(
                400,
                "invalid_field",
                "unknown query parameter '" + abbreviate(name) + "'; use offset and limit");
      }
    }
    return new PageQuery(offset, limit);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "invalid_field", "the query string is not properly %-encoded");
    }
  }

  private static int number(String name, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ApiError(
        400,
        "invalid_field",
        name
            + " must be a whole number from "
            + min
            + " to "
            + max
            + ", was '"
            + abbreviate(value)
            + "'");
  }

  private static String abbreviate(String text) {
    return text.length() > 50 ? text.substring(0, 50) + "..." : text;
  }
}
