package dev.outdial.twilio.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code application/x-www-form-urlencoded} in UTF-8, both ways; also reads URL queries. */
public final class Form {
  private final StringBuilder encoded = new StringBuilder();

  /** An empty form to {@link #add} to. */
  public Form() {}

  /** Appends one parameter (a name may repeat). */
  public Form add(String name, String value) {
    if (encoded.length() > 0) {
      encoded.append('&');
    }
    encoded.append(encode(name)).append('=').append(encode(value));
    return this;
  }

  /** The encoded form, parameters in the order added. */
  public String encoded() {
    return encoded.toString();
  }

  /** One name or value, percent-encoded for a form or a query. */
  public static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /**
   * The parameters of an encoded form or query, names in first-seen order, each with its values in
   * order.
   *
   * @throws IllegalArgumentException if a percent escape is malformed
   */
  public static Map<String, List<String>> parse(String encoded) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (encoded.isEmpty()) {
      return params;
    }
    for (String pair : encoded.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      params.computeIfAbsent(decode(name), k -> new ArrayList<>()).add(decode(value));
    }
    params.replaceAll((name, values) -> Collections.unmodifiableList(values));
    return Collections.unmodifiableMap(params);
  }

  /** The first value of {@code name}, or {@code null}. */
  public static @Nullable String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
