package dev.outdial.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.jspecify.annotations.Nullable;

/**
 * An answer other than success, thrown anywhere in request handling and turned into the error body
 * {@code {"error", "reason"?, "message", "invalid"?, "invalid_count"?}} by {@link ApiHandler}.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final @Nullable String reason;
  private final transient @Nullable Invalid invalid;
  private final @Nullable String allow;

  /**
   * The problems an answer lists.
   *
   * @param listed the first {@link Refusals#LISTED_PROBLEMS} of them, as JSON
   * @param count how many there are in all
   */
  public record Invalid(ArrayNode listed, int count) {}

  public ApiError(int status, String code, String message) {
    this(status, code, null, message, null);
  }

  public ApiError(
      int status, String code, @Nullable String reason, String message, @Nullable Invalid invalid) {
    this(status, code, reason, message, invalid, null);
  }

  private ApiError(
      int status,
      String code,
      @Nullable String reason,
      String message,
      @Nullable Invalid invalid,
      @Nullable String allow) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.reason = reason;
    this.invalid = invalid;
    this.allow = allow;
  }

  /** A 405 for {@code method}, naming the methods the route takes (its {@code Allow} header). */
  static ApiError methodNotAllowed(String method, java.util.List<String> allowed) {
    return new ApiError(
        405,
        "method_not_allowed",
        null,
        method + " is not allowed here; use " + String.join(" or ", allowed),
        null,
        String.join(", ", allowed));
  }

  /** The methods a 405's route takes, for its {@code Allow} header; null for other errors. */
  public @Nullable String allow() {
    return allow;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public @Nullable String reason() {
    return reason;
  }

  public @Nullable Invalid invalid() {
    return invalid;
  }

  public static ApiError unauthorized() {
    return new ApiError(
        401,
        "unauthorized",
        "a valid API key is required: Authorization: Bearer KEY_ID:KEY_SECRET");
  }

  static ApiError notFound(String what) {
    return new ApiError(404, "not_found", what + " was not found");
  }
}
