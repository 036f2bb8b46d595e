package dev.outdial.twilio.signature;

import static dev.outdial.twilio.support.TwilioRig.phone;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.outdial.engine.EndedReason;
import dev.outdial.twilio.TwilioSignature;
import dev.outdial.twilio.support.TwilioRig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code HttpHandler} checks the signature against the configured public URL (never the {@code
 * Host} header), bounds bodies and answers what Twilio expects.
 */
class WebhookHttpHandlerTest {
  private static final String PUBLIC_BASE = "https://dial.example.com/twilio";

  @Test
  void the_signature_is_checked_over_the_public_url_rebuilt_from_the_callback_base()
      throws Exception {
    try (TwilioRig rig = behindProxy();
        Local local = Local.mount(rig)) {
      String campaignId = rig.campaign(1);
      rig.dial();
      String callId = rig.callTo(campaignId, phone(0)).callId();
      String sid = rig.sidOf(phone(0));
      String publicUrl = PUBLIC_BASE + "/status?call_id=" + callId;
      Map<String, List<String>> params =
          Map.of("CallSid", List.of(sid), "CallStatus", List.of("busy"));
      String body = "CallSid=" + sid + "&CallStatus=busy";

      String localUrl = "/behind-proxy/status?call_id=" + callId;
      String signedForLocal =
          TwilioSignature.withAuthToken(TwilioRig.AUTH_TOKEN).sign(local.base() + localUrl, params);
      assertEquals(403, local.post(localUrl, body, signedForLocal));

      String signedForPublic =
          TwilioSignature.withAuthToken(TwilioRig.AUTH_TOKEN).sign(publicUrl, params);
      assertEquals(204, local.post(localUrl, body, signedForPublic));
      rig.settle();
      assertEquals(EndedReason.BUSY, rig.callTo(campaignId, phone(0)).endedReason());
    }
  }

  @Test
  void a_body_over_64_kib_is_413_and_a_get_is_405() throws Exception {
    try (TwilioRig rig = behindProxy();
        Local local = Local.mount(rig)) {
      assertEquals(
          413, local.post("/behind-proxy/status?call_id=x", "a=" + "b".repeat(70_000), "x"));
      HttpResponse<Void> get =
          local.http.send(
              HttpRequest.newBuilder(URI.create(local.base() + "/behind-proxy/status")).build(),
              HttpResponse.BodyHandlers.discarding());
      assertEquals(405, get.statusCode());
    }
  }

  @Test
  void a_signed_callback_for_an_unknown_call_is_taken_so_twilio_stops_retrying() throws Exception {
    try (TwilioRig rig = behindProxy();
        Local local = Local.mount(rig)) {
      String publicUrl = PUBLIC_BASE + "/status?call_id=call_0000000000000000";
      Map<String, List<String>> params =
          Map.of("CallSid", List.of("CA" + "0".repeat(32)), "CallStatus", List.of("completed"));
      String signature =
          TwilioSignature.withAuthToken(TwilioRig.AUTH_TOKEN).sign(publicUrl, params);
      assertEquals(
          204,
          local.post(
              "/behind-proxy/status?call_id=call_0000000000000000",
              "CallSid=CA" + "0".repeat(32) + "&CallStatus=completed",
              signature));
    }
  }

  @Test
  void a_signed_request_to_another_route_or_without_call_sid_is_refused() {
    try (TwilioRig rig = behindProxy()) {
      TwilioSignature signer = TwilioSignature.withAuthToken(TwilioRig.AUTH_TOKEN);
      String other = PUBLIC_BASE + "/other?call_id=c";
      assertEquals(
          404,
          rig.dialer
              .webhooks()
              .handle(
                  other,
                  signer.sign(other, Map.of()),
                  "application/x-www-form-urlencoded",
                  new byte[0])
              .status());
      String status = PUBLIC_BASE + "/status?call_id=c";
      assertEquals(
          400,
          rig.dialer
              .webhooks()
              .handle(
                  status,
                  signer.sign(status, Map.of()),
                  "application/x-www-form-urlencoded",
                  new byte[0])
              .status());
    }
  }

  /** A rig whose public callback base is not where the webhooks are served locally. */
  private static TwilioRig behindProxy() {
    return TwilioRig.start(b -> b.callbackBaseUrl(PUBLIC_BASE));
  }

  /** The dialer's handler mounted a second time, at a path that differs from the public one. */
  private record Local(HttpServer server, HttpClient http) implements AutoCloseable {
    static Local mount(TwilioRig rig) throws Exception {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/behind-proxy", rig.dialer.webhooks().httpHandler());
      server.start();
      return new Local(server, HttpClient.newHttpClient());
    }

    String base() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int post(String pathAndQuery, String body, String signature) throws Exception {
      return http.send(
              HttpRequest.newBuilder(URI.create(base() + pathAndQuery))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("X-Twilio-Signature", signature)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
