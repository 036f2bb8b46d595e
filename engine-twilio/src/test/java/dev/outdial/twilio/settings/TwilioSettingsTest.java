package dev.outdial.twilio.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outdial.twilio.MachineDetection;
import dev.outdial.twilio.RetryPolicy;
import dev.outdial.twilio.TwilioSettings;
import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Settings are checked once, with messages that name the bad value; secrets never print. */
class TwilioSettingsTest {
  private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";

  private static TwilioSettings.Builder valid() {
    return TwilioSettings.builder()
        .accountSid(ACCOUNT)
        .authToken("secret-token")
        .twimlUrl("https://dial.example.com/twiml")
        .callbackBaseUrl("https://dial.example.com/twilio");
  }

  private static String refusal(UnaryOperator<TwilioSettings.Builder> change) {
    return assertThrows(IllegalArgumentException.class, () -> change.apply(valid()).build())
        .getMessage();
  }

  @Test
  void
      defaults_are_twilio_production_enable_detection_hang_up_machines_30_s_ring_and_1_call_a_second() {
    TwilioSettings settings = valid().build();
    assertEquals(URI.create("https://api.twilio.com"), settings.apiBaseUri());
    assertEquals(MachineDetection.ENABLE, settings.machineDetection());
    assertFalse(settings.leaveVoicemail());
    assertEquals(Duration.ofSeconds(30), settings.ringTimeout());
    assertEquals(1.0, settings.callsPerSecond());
    assertEquals(1, settings.accountBurst());
    assertEquals(RetryPolicy.DEFAULT, settings.retry());
    assertEquals(Duration.ofSeconds(30), settings.reconcileMargin());
    assertNull(settings.apiKey());
  }

  @Test
  void required_values_are_named_when_missing() {
    assertEquals(
        "accountSid is required",
        assertThrows(
                IllegalArgumentException.class,
                () -> TwilioSettings.builder().authToken("t").build())
            .getMessage());
    assertEquals(
        "twimlUrl is required",
        assertThrows(
                IllegalArgumentException.class,
                () -> TwilioSettings.builder().accountSid(ACCOUNT).authToken("t").build())
            .getMessage());
  }

  @Test
  void bad_values_are_refused_with_the_value_in_the_message() {
    assertEquals(
        "accountSid must be 'AC' followed by 32 hex digits, was 'AC123'",
        refusal(b -> b.accountSid("AC123")));
    assertEquals(
        "authToken must not be blank: it checks Twilio's webhook signatures",
        refusal(b -> b.authToken(" ")));
    assertEquals(
        "apiKey sid must be 'SK' followed by 32 hex digits, was 'AC0123'",
        refusal(b -> b.apiKey("AC0123", "s")));
    assertEquals(
        "twimlUrl must be an absolute http or https URL, was '/twiml'",
        refusal(b -> b.twimlUrl("/twiml")));
    assertEquals(
        "callbackBaseUrl must not have a query, was 'https://dial.example.com/twilio?x=1'",
        refusal(b -> b.callbackBaseUrl("https://dial.example.com/twilio?x=1")));
    assertEquals(
        "apiBaseUri must be an absolute http or https URL, was 'ftp://api.twilio.com'",
        refusal(b -> b.apiBaseUri("ftp://api.twilio.com")));
    assertEquals(
        "ringTimeout must be whole seconds from 1 to 600 (Twilio's Timeout), was PT10M1S",
        refusal(b -> b.ringTimeout(Duration.ofSeconds(601))));
    assertEquals(
        "callsPerSecond must be positive and finite, was 0.0", refusal(b -> b.callsPerSecond(0)));
    assertEquals("accountBurst must be at least 1, was 0", refusal(b -> b.accountBurst(0)));
    assertEquals(
        "reconcileMargin must not be negative, was PT-1S",
        refusal(b -> b.reconcileMargin(Duration.ofSeconds(-1))));
  }

  @Test
  void the_auth_token_and_api_key_secret_never_show_in_to_string() {
    TwilioSettings settings =
        valid().apiKey("SK00112233445566778899aabbccddeeff", "key-secret-value").build();
    assertFalse(settings.toString().contains("secret-token"), settings.toString());
    assertFalse(settings.toString().contains("key-secret-value"), settings.toString());
  }

  @Test
  void a_retry_policy_needs_an_attempt_and_a_sane_back_off() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)));
  }
}
