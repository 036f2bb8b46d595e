package dev.outdial.twilio;

/**
 * What to answer Twilio for one webhook request.
 *
 * @param status the HTTP status: 204 when the callback was taken (also for calls the dialer does
 *     not know, so Twilio stops retrying), 403 when the signature does not match, 400 for a request
 *     that is not a Twilio callback, 404 for an unknown route, 405 for a method other than POST,
 *     413 for a body over 64 KiB, 415 for a body that is not a form
 * @param message a short plain-text reason for non-2xx answers; empty for 204
 */
public record WebhookAnswer(int status, String message) {

  /** The callback was taken. */
  public static final WebhookAnswer TAKEN = new WebhookAnswer(204, "");

  /** Whether Twilio will consider the callback delivered. */
  public boolean accepted() {
    return status >= 200 && status < 300;
  }
}
