package dev.outdial.twilio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * A Twilio REST error ({@code {code, message, more_info, status}}), or what could be made of a
 * non-JSON error answer.
 *
 * @param httpStatus the HTTP status of the answer
 * @param code Twilio's error code (e.g. 21211), or {@code null} when the body had none
 * @param message Twilio's message, or the start of the body
 */
public record ApiError(int httpStatus, @Nullable Integer code, String message) {
  private static final int TOO_MANY_REQUESTS = 20429;

  /** The error an answer carries. */
  public static ApiError of(ApiAnswer answer) {
    JsonNode json = answer.json();
    if (json != null && json.isObject()) {
      JsonNode code = json.get("code");
      JsonNode message = json.get("message");
      return new ApiError(
          answer.status(),
          code != null && code.canConvertToInt() && !code.isNull() ? code.asInt() : null,
          message != null && !message.isNull() ? message.asText() : "");
    }
    String body = answer.body().strip();
    return new ApiError(answer.status(), null, body.length() > 200 ? body.substring(0, 200) : body);
  }

  /** 429, or error 20429: Twilio did not take the request; it is safe to send again. */
  public boolean isTooManyRequests() {
    return httpStatus == 429 || (code != null && code == TOO_MANY_REQUESTS);
  }

  /**
   * The account cannot make calls, whatever the number: authentication refused (HTTP 401, error
   * 20003), account not active or suspended (20005), access denied (20006). Twilio did not carry
   * the request out.
   */
  public boolean isAccountLevel() {
    return httpStatus == 401 || (code != null && (code == 20003 || code == 20005 || code == 20006));
  }

  /** 5xx: the request may or may not have been carried out. */
  public boolean isServerError() {
    return httpStatus >= 500;
  }

  /** As kept on the call: {@code twilio error 21211 (HTTP 400): <message>}. */
  public String detail() {
    StringBuilder detail = new StringBuilder("twilio error ");
    if (code != null) {
      detail.append(code).append(' ');
    }
    detail.append("(HTTP ").append(httpStatus).append(')');
    if (!message.isEmpty()) {
      detail.append(": ").append(message);
    }
    return detail.toString();
  }
}
