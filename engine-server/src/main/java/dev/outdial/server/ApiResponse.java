package dev.outdial.server;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What {@link OutdialApi} answers: a status, headers and a JSON body (empty for none).
 *
 * @param status the HTTP status
 * @param headers response headers, {@code Content-Type} included when there is a body
 * @param body the body bytes, UTF-8 JSON
 */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {

  public ApiResponse {
    headers = Map.copyOf(headers);
  }

  /** The body as text, for logs and tests. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
