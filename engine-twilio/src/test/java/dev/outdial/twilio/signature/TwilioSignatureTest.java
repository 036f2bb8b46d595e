package dev.outdial.twilio.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.twilio.TwilioSignature;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 5: the signature passes the published test vectors of twilio-java's {@code
 * RequestValidatorTest} (auth token {@code 12345}, Twilio's documentation example).
 */
class TwilioSignatureTest {
  private static final TwilioSignature TOKEN_12345 = TwilioSignature.withAuthToken("12345");
  private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
  private static final String SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
  private static final String BODY = "{\"property\": \"value\", \"boolean\": true}";
  private static final String BODY_HASH =
      "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
  private static final Map<String, List<String>> PARAMS = params();

  private static Map<String, List<String>> params() {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("Digits", List.of("1234"));
    params.put("CallSid", List.of("CA1234567890ABCDE"));
    params.put("To", List.of("+18005551212"));
    params.put("Caller", List.of("+14158675309"));
    params.put("From", List.of("+14158675309"));
    return params;
  }

  @Test
  void signs_the_url_and_sorted_parameters_as_twilio_does() {
    assertEquals(SIGNATURE, TOKEN_12345.sign(URL, PARAMS));
    assertTrue(TOKEN_12345.isValid(URL, PARAMS, SIGNATURE));
  }

  @Test
  void a_wrong_or_missing_signature_fails() {
    assertFalse(TOKEN_12345.isValid(URL, PARAMS, "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8="));
    assertFalse(TOKEN_12345.isValid(URL, PARAMS, null));
    assertFalse(TOKEN_12345.isValid(URL, PARAMS, ""));
  }

  @Test
  void a_changed_parameter_url_or_token_fails() {
    Map<String, List<String>> tampered = new LinkedHashMap<>(PARAMS);
    tampered.put("Digits", List.of("9999"));
    assertFalse(TOKEN_12345.isValid(URL, tampered, SIGNATURE));
    assertFalse(TOKEN_12345.isValid(URL.replace("bar=2", "bar=3"), PARAMS, SIGNATURE));
    assertFalse(TwilioSignature.withAuthToken("54321").isValid(URL, PARAMS, SIGNATURE));
  }

  @Test
  void a_json_body_is_checked_by_its_body_sha256_and_the_url_alone() {
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    assertTrue(
        TOKEN_12345.isValidJson(
            URL + "&bodySHA256=" + BODY_HASH, body, "a9nBmqA0ju/hNViExpshrM61xv4="));
    assertTrue(
        TOKEN_12345.isValidJson(
            "https://mycompany.com/myapp.php?bodySHA256=" + BODY_HASH,
            body,
            "y77kIzt2vzLz71DgmJGsen2scGs="));
  }

  @Test
  void a_json_body_without_body_sha256_or_with_another_body_fails() {
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    assertFalse(TOKEN_12345.isValidJson(URL, body, SIGNATURE));
    assertFalse(
        TOKEN_12345.isValidJson(
            URL + "&bodySHA256=" + BODY_HASH,
            "{\"property\": \"other\"}".getBytes(StandardCharsets.UTF_8),
            "a9nBmqA0ju/hNViExpshrM61xv4="));
  }

  @Test
  void any_port_may_be_removed_from_an_https_url() {
    assertTrue(TOKEN_12345.isValid(URL.replace(".com", ".com:1234"), PARAMS, SIGNATURE));
  }

  @Test
  void an_http_url_with_a_port_is_also_checked_as_given() {
    String url = URL.replace(".com", ".com:1234").replace("https", "http");
    assertTrue(TOKEN_12345.isValid(url, PARAMS, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="));
  }

  @Test
  void the_default_port_443_may_be_added_to_an_https_url() {
    assertTrue(TOKEN_12345.isValid(URL, PARAMS, "kvajT1Ptam85bY51eRf/AJRuM3w="));
  }

  @Test
  void the_default_port_80_may_be_added_to_an_http_url() {
    assertTrue(
        TOKEN_12345.isValid(URL.replace("https", "http"), PARAMS, "0ZXoZLH/DfblKGATFgpif+LLRf4="));
  }

  @Test
  void a_repeated_parameter_signs_each_distinct_value_in_sorted_order() throws Exception {
    String url = "https://mycompany.com/hook";
    Map<String, List<String>> repeated = Map.of("x", List.of("2", "1", "1"), "a", List.of("z"));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec("12345".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    String expected =
        Base64.getEncoder()
            .encodeToString(
                mac.doFinal((url + "az" + "x1" + "x2").getBytes(StandardCharsets.UTF_8)));
    assertEquals(expected, TOKEN_12345.sign(url, repeated));
  }

  @Test
  void a_form_request_is_checked_with_its_parameters_as_it_arrived() {
    String form =
        "Digits=1234&CallSid=CA1234567890ABCDE&To=%2B18005551212&Caller=%2B14158675309"
            + "&From=%2B14158675309";
    assertTrue(
        TOKEN_12345.isValidRequest(
            URL,
            "application/x-www-form-urlencoded; charset=utf-8",
            form.getBytes(StandardCharsets.UTF_8),
            SIGNATURE));
    assertFalse(
        TOKEN_12345.isValidRequest(
            URL, "text/plain", form.getBytes(StandardCharsets.UTF_8), SIGNATURE));
  }

  @Test
  void the_auth_token_never_shows_in_to_string() {
    assertFalse(TOKEN_12345.toString().contains("12345"));
  }
}
