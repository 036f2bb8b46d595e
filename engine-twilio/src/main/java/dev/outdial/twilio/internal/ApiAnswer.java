package dev.outdial.twilio.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One answer of Twilio's REST API.
 *
 * @param status the HTTP status
 * @param body the body as text
 * @param retryAfter the {@code Retry-After} header in seconds, or {@code null}
 */
public record ApiAnswer(int status, String body, @Nullable Duration retryAfter) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** 2xx. */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** The body as JSON, or {@code null} if it is not JSON. */
  public @Nullable JsonNode json() {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null || node.isMissingNode() ? null : node;
    } catch (JsonProcessingException notJson) {
      return null;
    }
  }

  /** Reads a {@code Retry-After} value in seconds; {@code null} if absent or an HTTP date. */
  static @Nullable Duration retryAfter(@Nullable String header) {
    if (header == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException httpDate) {
      return null;
    }
  }
}
