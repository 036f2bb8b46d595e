package dev.outdial.twilio.internal;

import dev.outdial.engine.spi.OutboundCall;
import dev.outdial.twilio.TwilioSettings;
import java.time.Duration;

/**
 * The create-call form for one engine call: {@code To}, {@code From}, {@code Url} (the host's TwiML
 * endpoint with {@code call_id}, {@code campaign_id} and {@code agent_id}), {@code StatusCallback}
 * with the {@code initiated ringing answered completed} events, {@code MachineDetection}, {@code
 * AsyncAmd} with its callback, {@code Timeout} and {@code TimeLimit}.
 */
public final class CreateCallForm {
  /** Twilio's longest {@code TimeLimit}: 24 hours. */
  static final long LONGEST_TIME_LIMIT_SECONDS = 86_400;

  private static final String[] EVENTS = {"initiated", "ringing", "answered", "completed"};

  private final TwilioSettings settings;
  private final String callbackBase;

  public CreateCallForm(TwilioSettings settings) {
    this.settings = settings;
    this.callbackBase = withoutTrailingSlash(settings.callbackBaseUrl().toString());
  }

  /** The encoded form. */
  public String encode(OutboundCall call) {
    Form form =
        new Form()
            .add("To", call.to())
            .add("From", call.from())
            .add("Url", twimlUrl(call))
            .add("StatusCallback", callbackUrl("status", call.callId()));
    for (String event : EVENTS) {
      form.add("StatusCallbackEvent", event);
    }
    return form.add("MachineDetection", settings.machineDetection().wire())
        .add("AsyncAmd", "true")
        .add("AsyncAmdStatusCallback", callbackUrl("amd", call.callId()))
        .add("Timeout", Long.toString(settings.ringTimeout().toSeconds()))
        .add("TimeLimit", Long.toString(timeLimitSeconds(call.maxDuration())))
        .encoded();
  }

  /** The host's TwiML URL for this call. */
  String twimlUrl(OutboundCall call) {
    String url = settings.twimlUrl().toString();
    String query =
        new Form()
            .add("call_id", call.callId())
            .add("campaign_id", call.campaignId())
            .add("agent_id", call.agentId())
            .encoded();
    return url + (settings.twimlUrl().getRawQuery() == null ? "?" : "&") + query;
  }

  /** {@code <callbackBaseUrl>/<route>?call_id=<id>}. */
  String callbackUrl(String route, String callId) {
    return callbackBase + "/" + route + "?" + new Form().add("call_id", callId).encoded();
  }

  /** The engine's maximum duration in whole seconds, rounded up, within Twilio's 1 s to 24 h. */
  static long timeLimitSeconds(Duration maxDuration) {
    long seconds = maxDuration.toSeconds() + (maxDuration.toNanosPart() > 0 ? 1 : 0);
    return Math.max(1, Math.min(LONGEST_TIME_LIMIT_SECONDS, seconds));
  }

  static String withoutTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
