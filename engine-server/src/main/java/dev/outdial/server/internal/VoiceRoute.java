package dev.outdial.server.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.RejectedException;
import dev.outdial.engine.spi.OutboundCall;
import dev.outdial.twilio.TwilioDialer;
import dev.outdial.twilio.TwilioSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio's voice URL ({@code <callback_base_url>/voice?call_id=..}), asked when a call is answered.
 * Signed like the status callbacks and checked the same way (403 otherwise). Answers TwiML that
 * connects the call to its agent's media stream with {@code call_id}, {@code campaign_id}, {@code
 * agent_id} and a capability token as stream parameters: the prompt and variables never travel
 * through Twilio; the agent fetches them with the token (see {@link ContextRoute}). A call the
 * dialer no longer holds is hung up.
 */
public final class VoiceRoute implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(VoiceRoute.class);
  private static final int MAX_BODY_BYTES = 64 * 1024;
  private static final String HANG_UP =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>";

  private final String publicUrl;
  private final TwilioSignature signature;
  private final TwilioDialer dialer;
  private final OutdialEngine engine;
  private final CallContexts contexts;
  private final Map<String, String> streamUrls;

  /**
   * @param publicUrl the voice URL as Twilio requests it, without query (what it signs)
   * @param streamUrls each agent's media-stream URL, by agent id
   */
  public VoiceRoute(
      String publicUrl,
      TwilioSignature signature,
      TwilioDialer dialer,
      OutdialEngine engine,
      CallContexts contexts,
      Map<String, String> streamUrls) {
    this.publicUrl = publicUrl;
    this.signature = signature;
    this.dialer = dialer;
    this.engine = engine;
    this.contexts = contexts;
    this.streamUrls = Map.copyOf(streamUrls);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        answer(exchange, 405, "text/plain", "POST only");
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY_BYTES + 1);
      }
      if (body.length > MAX_BODY_BYTES) {
        answer(exchange, 413, "text/plain", "body too large");
        return;
      }
      String query = exchange.getRequestURI().getRawQuery();
      String url = query == null ? publicUrl : publicUrl + "?" + query;
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      String signed = exchange.getRequestHeaders().getFirst("X-Twilio-Signature");
      if (!signature.isValidRequest(url, contentType, body, signed)) {
        LOG.warn("voice request {} refused: {} signature", url, signed == null ? "no" : "a wrong");
        answer(exchange, 403, "text/plain", "signature does not match");
        return;
      }
      answer(exchange, 200, "text/xml; charset=utf-8", twiml(queryParam(query, "call_id")));
    }
  }

  private String twiml(@Nullable String callId) {
    Optional<OutboundCall> held = callId == null ? Optional.empty() : dialer.call(callId);
    if (held.isEmpty()) {
      LOG.warn("voice request for call {} which is not in progress: hung up", callId);
      return HANG_UP;
    }
    OutboundCall call = held.get();
    String stream = streamUrls.get(call.agentId());
    if (stream == null) { // refused at start-up; kept as a guard
      LOG.error("agent {} has no stream_url: call {} hung up", call.agentId(), call.callId());
      return HANG_UP;
    }
    String token = contexts.grant(call, campaignName(call));
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Connect><Stream url=\""
        + xml(stream)
        + "\">"
        + parameter("call_id", call.callId())
        + parameter("campaign_id", call.campaignId())
        + parameter("agent_id", call.agentId())
        + parameter("token", token)
        + "</Stream></Connect></Response>";
  }

  private @Nullable String campaignName(OutboundCall call) {
    try {
      CampaignView campaign = engine.campaign(call.keyId(), call.campaignId());
      return campaign.name();
    } catch (RejectedException gone) {
      return null;
    }
  }

  private static String parameter(String name, String value) {
    return "<Parameter name=\"" + xml(name) + "\" value=\"" + xml(value) + "\"/>";
  }

  static String xml(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static @Nullable String queryParam(@Nullable String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void answer(HttpExchange exchange, int status, String type, String text)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
