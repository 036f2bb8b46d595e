package dev.outdial.server;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as {@link OutdialApi} sees it, independent of the host's HTTP server.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param path the raw request path, e.g. {@code /v1/calls/batch}
 * @param query the raw query string without {@code ?}, or {@code null}
 * @param headers the request headers; names are matched case-insensitively
 * @param body the request body, read at most up to the API's limit and never closed by the API
 */
public record ApiRequest(
    String method,
    String path,
    @Nullable String query,
    Map<String, List<String>> headers,
    InputStream body) {

  public ApiRequest {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = copy;
    method = method.toUpperCase(Locale.ROOT);
  }

  /** The first value of a header, or {@code null}. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
