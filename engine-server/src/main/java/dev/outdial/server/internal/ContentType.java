package dev.outdial.server.internal;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The create body must be declared {@code application/json}, in UTF-8 if a charset is named. */
final class ContentType {
  private ContentType() {}

  static void requireJson(@Nullable String header) {
    if (header == null || header.isBlank()) {
      throw unsupported("no Content-Type was sent");
    }
    String[] parts = header.split(";");
    String type = parts[0].strip().toLowerCase(Locale.ROOT);
    if (!type.equals("application/json")) {
      throw unsupported("Content-Type was '" + Quoted.cut(header) + "'");
    }
    for (int i = 1; i < parts.length; i++) {
      String[] param = parts[i].strip().split("=", 2);
      if (param[0].strip().equalsIgnoreCase("charset")
          && (param.length < 2 || !unquote(param[1]).equalsIgnoreCase("utf-8"))) {
        throw unsupported("only the utf-8 charset is accepted");
      }
    }
  }

  private static String unquote(String value) {
    String v = value.strip();
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
        ? v.substring(1, v.length() - 1)
        : v;
  }

  private static ApiError unsupported(String why) {
    return new ApiError(415, "unsupported_media_type", "the body must be application/json: " + why);
  }
}
