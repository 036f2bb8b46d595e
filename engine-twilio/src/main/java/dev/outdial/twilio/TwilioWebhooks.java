package dev.outdial.twilio;

import com.sun.net.httpserver.HttpHandler;
import dev.outdial.twilio.internal.DialerCore;
import dev.outdial.twilio.internal.Form;
import dev.outdial.twilio.internal.WebhookHttpHandler;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio's callbacks for a {@link TwilioDialer}: {@code <callbackBaseUrl>/status?call_id=..}
 * (status callbacks) and {@code <callbackBaseUrl>/amd?call_id=..} (answering-machine detection).
 *
 * <p>Every request is checked first: a missing or wrong {@code X-Twilio-Signature} is answered 403
 * and changes nothing. A signed callback is applied to its call and answered 204 — also when the
 * call is unknown or already ended (so Twilio stops retrying); repeated or out-of-order callbacks
 * change nothing. Framework-neutral through {@link #handle}; {@link #httpHandler()} mounts it on
 * the JDK's {@code com.sun.net.httpserver.HttpServer}. Thread-safe.
 */
public final class TwilioWebhooks {
  /** The route of status callbacks, under the callback base URL. */
  public static final String STATUS_PATH = "/status";

  /** The route of answering-machine-detection callbacks, under the callback base URL. */
  public static final String AMD_PATH = "/amd";

  private static final Logger LOG = LoggerFactory.getLogger(TwilioWebhooks.class);

  private final TwilioSignature signature;
  private final String callbackBase;
  private final DialerCore core;

  TwilioWebhooks(TwilioSettings settings, DialerCore core) {
    this.signature = TwilioSignature.withAuthToken(settings.authToken());
    this.callbackBase = settings.callbackBaseUrl().toString();
    this.core = core;
  }

  /**
   * Answers one webhook request.
   *
   * @param publicUrl the full URL Twilio requested, query included, as configured publicly (e.g.
   *     {@code https://dial.example.com/twilio/status?call_id=call_..}); rebuild it from the
   *     configured callback base, not from the request's {@code Host} header
   * @param signatureHeader the {@code X-Twilio-Signature} header, or {@code null}
   * @param contentType the {@code Content-Type} header, or {@code null}
   * @param body the raw body
   */
  public WebhookAnswer handle(
      String publicUrl,
      @Nullable String signatureHeader,
      @Nullable String contentType,
      byte[] body) {
    if (!signature.isValidRequest(publicUrl, contentType, body, signatureHeader)) {
      LOG.warn(
          "webhook {} refused: {} signature",
          publicUrl,
          signatureHeader == null ? "no" : "a wrong");
      return new WebhookAnswer(403, "signature does not match");
    }
    String path;
    String query;
    try {
      URI uri = new URI(publicUrl);
      path = uri.getRawPath() == null ? "" : uri.getRawPath();
      query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    } catch (URISyntaxException e) {
      return new WebhookAnswer(400, "not a URL");
    }
    boolean status = path.endsWith(STATUS_PATH);
    if (!status && !path.endsWith(AMD_PATH)) {
      return new WebhookAnswer(404, "no such webhook");
    }
    if (!TwilioSignature.isForm(contentType)) {
      return new WebhookAnswer(415, "expected application/x-www-form-urlencoded");
    }
    Map<String, List<String>> params;
    String callId;
    try {
      params = Form.parse(new String(body, StandardCharsets.UTF_8));
      callId = Form.first(Form.parse(query), "call_id");
    } catch (IllegalArgumentException malformed) {
      return new WebhookAnswer(400, "malformed form");
    }
    String callSid = Form.first(params, "CallSid");
    if (callId == null || callId.isEmpty() || callSid == null || callSid.isEmpty()) {
      return new WebhookAnswer(400, "call_id and CallSid are required");
    }
    if (status) {
      core.statusCallback(callId, callSid, params);
    } else {
      core.amdCallback(callId, callSid, params);
    }
    return WebhookAnswer.TAKEN;
  }

  /**
   * The webhooks as an {@code HttpHandler}. Mount it on the context whose public URL is the
   * callback base URL (for {@code https://dial.example.com/twilio}: {@code
   * server.createContext("/twilio", handler)} behind the proxy that serves that URL). It rebuilds
   * the public URL as callback base + path within the context + raw query, reads bodies up to 64
   * KiB (else 413), and answers 405 to anything but POST.
   */
  public HttpHandler httpHandler() {
    return new WebhookHttpHandler(callbackBase, this::handle);
  }
}
