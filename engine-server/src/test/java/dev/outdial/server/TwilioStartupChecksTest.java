package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.twilio.TwilioDialer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11, point 2: with Twilio configured, the server refuses to start with a callback URL that
 * Twilio cannot reach, or with timings under which a call whose callbacks are lost would end {@code
 * timed_out} before the dialer asks Twilio how it ended — and says what to set.
 */
class TwilioStartupChecksTest {
  private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";

  private static ServerConfig config(String twilioFields) {
    return ServerConfig.read(
        """
        {
          "listen": {"host": "127.0.0.1", "port": 0},
          "store": {"type": "memory"},
          "agents": [{"agent_id": "agent_125207e452f8714a", "timezone": "Europe/London",
                      "outbound_numbers": ["+447446466847"]}],
          "twilio": {"account_sid": "%s", "auth_token": "token",
                     "api_base_uri": "http://127.0.0.1:9", "twiml_url": "https://agent.example.com/twiml"
                     %s}
        }
        """
            .formatted(ACCOUNT, twilioFields));
  }

  private static String refusal(String twilioFields) {
    ServerConfig config = config(twilioFields);
    return assertThrows(
            IllegalArgumentException.class, () -> OutdialServer.builder(config).start().close())
        .getMessage();
  }

  @Test
  void a_server_without_a_callback_url_refuses_to_start_and_says_what_to_set() {
    String message = refusal("");

    assertTrue(message.contains("twilio.callback_base_url is required"), message);
    assertTrue(message.contains("allow_private_callback_url"), message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080/twilio",
        "http://localhost:8080/twilio",
        "http://api.localhost/twilio",
        "http://[::1]:8080/twilio",
        "http://0.0.0.0:8080/twilio",
        "http://10.1.2.3/twilio",
        "http://172.20.0.5/twilio",
        "http://192.168.1.10/twilio",
        "http://169.254.169.254/twilio",
        "http://100.64.0.1/twilio",
        "http://[fd12:3456::1]/twilio",
        "http://[fe80::1]/twilio",
        "http://[::127.0.0.1]/twilio",
        "http://0.1.2.3/twilio",
        "http://224.0.0.1/twilio",
        "http://255.255.255.255/twilio",
        "http://240.0.0.1/twilio",
        "http://198.18.0.1/twilio"
      })
  void a_server_with_a_loopback_or_private_callback_url_refuses_to_start(String url) {
    String message = refusal(", \"callback_base_url\": \"" + url + "\"");

    assertTrue(message.startsWith("twilio.callback_base_url '" + url + "' points at "), message);
    assertTrue(message.contains("which Twilio cannot reach"), message);
  }

  @Test
  void without_a_twiml_url_every_agent_needs_a_stream_url_to_connect_its_calls_to() {
    ServerConfig config =
        ServerConfig.read(
            """
            {
              "listen": {"host": "127.0.0.1", "port": 0},
              "store": {"type": "memory"},
              "agents": [{"agent_id": "agent_with", "stream_url": "wss://agent.example.com/s"},
                         {"agent_id": "agent_without"}],
              "twilio": {"account_sid": "%s", "auth_token": "token",
                         "callback_base_url": "https://203.0.113.10/twilio"}
            }
            """
                .formatted(ACCOUNT));

    String message =
        assertThrows(
                IllegalArgumentException.class, () -> OutdialServer.builder(config).start().close())
            .getMessage();

    assertTrue(message.startsWith("agents [agent_without] have no stream_url"), message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ws://agent.example.com/stream",
        "https://agent.example.com/stream",
        "wss://agent.example.com/stream?tenant=a",
        "wss://agent.example.com/stream#a"
      })
  void a_stream_url_twilio_would_not_honour_is_refused(String url) {
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () -> new ServerConfig.AgentEntry("agent_a", null, List.of(), url))
            .getMessage();

    assertTrue(message.contains("must be a wss:// URL with no query or fragment"), message);
  }

  @Test
  void a_public_callback_url_is_accepted() {
    ServerConfig config = config(", \"callback_base_url\": \"https://203.0.113.10/twilio\"");

    try (OutdialServer server = OutdialServer.builder(config).start()) {
      assertEquals(
          "https://203.0.113.10/twilio",
          ((TwilioDialer) server.dialer()).settings().callbackBaseUrl().toString());
    }
  }

  @Test
  void the_explicit_opt_in_allows_a_loopback_callback_url_for_a_local_fake() {
    ServerConfig config = config(", \"allow_private_callback_url\": true");

    try (OutdialServer server = OutdialServer.builder(config).start()) {
      assertEquals(
          server.baseUri() + "/twilio",
          ((TwilioDialer) server.dialer()).settings().callbackBaseUrl().toString());
    }
  }

  @Test
  void a_ring_timeout_that_leaves_no_time_to_reconcile_before_the_engine_gives_up_is_refused() {
    String message =
        refusal(
            ", \"callback_base_url\": \"https://203.0.113.10/twilio\","
                + " \"ring_timeout_seconds\": 90");

    assertTrue(
        message.startsWith(
            "twilio.ring_timeout_seconds (90 s) + 2 × (the reconciliation margin (30 s) + the"
                + " request time-out (15 s)) must be below the engine's time-out grace (180 s)"),
        message);
    ServerConfig justBelow =
        config(
            ", \"callback_base_url\": \"https://203.0.113.10/twilio\","
                + " \"ring_timeout_seconds\": 89");
    OutdialServer.builder(justBelow).start().close();
  }
}
