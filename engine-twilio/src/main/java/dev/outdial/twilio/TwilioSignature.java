package dev.outdial.twilio;

import dev.outdial.twilio.internal.Form;
import dev.outdial.twilio.internal.PortVariants;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}), computed and checked with the account's
 * auth token.
 *
 * <p>The signature is base64 of HMAC-SHA1, keyed with the auth token, over the full URL Twilio
 * requested (scheme, host, path and query exactly as configured on Twilio's side) followed by every
 * form parameter as {@code name + value}, names sorted; a repeated name contributes each of its
 * distinct values, sorted. For JSON bodies Twilio adds {@code bodySHA256=<hex SHA-256 of the body>}
 * to the URL and signs the URL alone.
 *
 * <p>Checks accept the URL as given, with the scheme's default port added, and with any port
 * removed, as Twilio's own validators do (proxies and load balancers add or drop ports). Every
 * comparison takes constant time. Instances are immutable and thread-safe.
 */
public final class TwilioSignature {
  private static final String HMAC_SHA1 = "HmacSHA1";
  private static final String FORM = "application/x-www-form-urlencoded";

  private final SecretKeySpec key;

  private TwilioSignature(String authToken) {
    this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), HMAC_SHA1);
  }

  /**
   * Signs and checks with this auth token (the account's, or the subaccount's that owns the call).
   */
  public static TwilioSignature withAuthToken(String authToken) {
    Objects.requireNonNull(authToken, "authToken");
    if (authToken.isEmpty()) {
      throw new IllegalArgumentException("authToken must not be empty");
    }
    return new TwilioSignature(authToken);
  }

  /** The signature Twilio sends for a request to {@code url} with these form parameters. */
  public String sign(String url, Map<String, List<String>> params) {
    StringBuilder data = new StringBuilder(url);
    for (Map.Entry<String, List<String>> param : new TreeMap<>(params).entrySet()) {
      for (String value : new TreeSet<>(param.getValue())) {
        data.append(param.getKey()).append(value);
      }
    }
    return hmac(data.toString());
  }

  /**
   * Whether {@code signature} is Twilio's for a form request to {@code url} with these parameters
   * (the URL as given, with its default port, or without its port). False for a missing signature.
   */
  public boolean isValid(String url, Map<String, List<String>> params, @Nullable String signature) {
    if (signature == null || signature.isEmpty()) {
      return false;
    }
    byte[] given = signature.getBytes(StandardCharsets.UTF_8);
    boolean valid = false;
    for (String candidate : PortVariants.of(url)) {
      // No early exit: every variant is computed whatever the outcome.
      valid |=
          MessageDigest.isEqual(sign(candidate, params).getBytes(StandardCharsets.UTF_8), given);
    }
    return valid;
  }

  /**
   * Whether {@code signature} is Twilio's for a JSON request: {@code url} must carry {@code
   * bodySHA256}, the hex SHA-256 of {@code body}, and the signature is over the URL alone.
   */
  public boolean isValidJson(String url, byte[] body, @Nullable String signature) {
    String expectedHash = bodyHashOf(url);
    if (expectedHash == null) {
      return false;
    }
    byte[] actualHash = sha256Hex(body).getBytes(StandardCharsets.UTF_8);
    boolean bodyMatches =
        MessageDigest.isEqual(
            actualHash, expectedHash.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    boolean urlMatches = isValid(url, Map.of(), signature);
    return bodyMatches & urlMatches;
  }

  /**
   * Checks a request as it arrived: a form body ({@code application/x-www-form-urlencoded}) is
   * checked with its parameters, any other body by its {@code bodySHA256}, an empty body as a
   * request without parameters. Use it in the host's TwiML endpoint.
   */
  public boolean isValidRequest(
      String url, @Nullable String contentType, byte[] body, @Nullable String signature) {
    if (isForm(contentType)) {
      Map<String, List<String>> params;
      try {
        params = Form.parse(new String(body, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException malformed) {
        return false;
      }
      return isValid(url, params, signature);
    }
    if (bodyHashOf(url) != null) {
      return isValidJson(url, body, signature);
    }
    return body.length == 0 && isValid(url, Map.of(), signature);
  }

  /** Whether a {@code Content-Type} header names a form body. */
  static boolean isForm(@Nullable String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.trim().equalsIgnoreCase(FORM);
  }

  private static @Nullable String bodyHashOf(String url) {
    int query = url.indexOf('?');
    if (query < 0) {
      return null;
    }
    int fragment = url.indexOf('#', query);
    String rawQuery = fragment < 0 ? url.substring(query + 1) : url.substring(query + 1, fragment);
    try {
      return Form.first(Form.parse(rawQuery), "bodySHA256");
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  private String hmac(String data) {
    try {
      Mac mac = Mac.getInstance(HMAC_SHA1);
      mac.init(key);
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is required of every Java platform", e);
    }
  }

  private static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "TwilioSignature[authToken=***]";
  }
}
