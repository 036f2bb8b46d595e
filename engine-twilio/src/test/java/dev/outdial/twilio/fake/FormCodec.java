package dev.outdial.twilio.fake;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fake's own form codec, independent of the dialer's, so tests do not check code by itself. */
final class FormCodec {
  private FormCodec() {}

  static Map<String, List<String>> parse(String encoded) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] parts = pair.split("=", 2);
      params
          .computeIfAbsent(decode(parts[0]), k -> new ArrayList<>())
          .add(parts.length > 1 ? decode(parts[1]) : "");
    }
    params.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(params);
  }

  static String encode(Map<String, String> params) {
    StringBuilder encoded = new StringBuilder();
    params.forEach(
        (name, value) -> {
          if (encoded.length() > 0) {
            encoded.append('&');
          }
          encoded
              .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
    return encoded.toString();
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
