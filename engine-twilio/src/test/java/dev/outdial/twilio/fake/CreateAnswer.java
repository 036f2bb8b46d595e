package dev.outdial.twilio.fake;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How the {@link FakeTwilio} answers one create-call request.
 *
 * @param creates whether the call is created (whatever the answer says)
 * @param httpStatus the status answered
 * @param code Twilio's error code in the JSON error body, or 0 for a call body
 * @param message the error message
 * @param retryAfter a {@code Retry-After} header, or {@code null}
 * @param slow whether the answer is held back until {@link FakeTwilio#releaseSlowAnswers()} (the
 *     client times out first)
 * @param hiddenFromLookUps how many look-ups ({@code GET Calls.json}) leave the created call out
 *     before listing it: Twilio processing or listing a create late
 */
public record CreateAnswer(
    boolean creates,
    int httpStatus,
    int code,
    String message,
    @Nullable Duration retryAfter,
    boolean slow,
    int hiddenFromLookUps) {

  /** 201 with the new call: what Twilio normally does. */
  public static CreateAnswer created() {
    return new CreateAnswer(true, 201, 0, "", null, false, 0);
  }

  /** 429 with error 20429; nothing created. */
  public static CreateAnswer tooManyRequests() {
    return new CreateAnswer(false, 429, 20429, "Too Many Requests", null, false, 0);
  }

  /** 429 with error 20429 and a {@code Retry-After} header; nothing created. */
  public static CreateAnswer tooManyRequests(Duration retryAfter) {
    return new CreateAnswer(false, 429, 20429, "Too Many Requests", retryAfter, false, 0);
  }

  /** Creates the call, then answers 500 (error 20500): the client cannot know it exists. */
  public static CreateAnswer serverErrorAfterCreating() {
    return new CreateAnswer(true, 500, 20500, "Internal Server Error", null, false, 0);
  }

  /** 500 (error 20500) and nothing created. */
  public static CreateAnswer serverError() {
    return new CreateAnswer(false, 500, 20500, "Internal Server Error", null, false, 0);
  }

  /**
   * A refusal such as {@code error(400, 21211, "The 'To' number ... is not a valid phone
   * number.")}.
   */
  public static CreateAnswer error(int httpStatus, int code, String message) {
    return new CreateAnswer(false, httpStatus, code, message, null, false, 0);
  }

  /** Creates the call and holds the 201 back until released: the client times out. */
  public static CreateAnswer slowAfterCreating() {
    return new CreateAnswer(true, 201, 0, "", null, true, 0);
  }

  /** This answer, with the created call left out of the next {@code lookUps} look-ups. */
  public CreateAnswer listedAfterLookUps(int lookUps) {
    if (!creates || lookUps < 0) {
      throw new IllegalArgumentException("only a created call can be listed late");
    }
    return new CreateAnswer(creates, httpStatus, code, message, retryAfter, slow, lookUps);
  }
}
