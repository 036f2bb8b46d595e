package dev.outdial.twilio;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link TwilioDialer} needs to know; checked once, when built, with messages that
 * name the bad value. Secrets never appear in {@link #toString()}.
 *
 * @param accountSid the Twilio account ({@code AC} + 32 hex digits) whose calls are made
 * @param authToken the account's auth token: it checks webhook signatures, and authenticates REST
 *     requests unless an {@code apiKey} is given
 * @param apiKey an API key to authenticate REST requests instead of the auth token, or {@code null}
 * @param apiBaseUri where Twilio's REST API is ({@code https://api.twilio.com}; a fake in tests)
 * @param twimlUrl the host's TwiML endpoint that connects the agent when the call is answered; the
 *     dialer adds {@code call_id}, {@code campaign_id} and {@code agent_id} to its query
 * @param callbackBaseUrl the public URL under which the host mounts {@link TwilioWebhooks}, e.g.
 *     {@code https://dial.example.com/twilio}: Twilio posts to {@code <base>/status} and {@code
 *     <base>/amd}, and signs these exact URLs, so they are configured, never guessed from headers
 * @param machineDetection which answering-machine detection Twilio runs; {@code ENABLE} by default
 * @param leaveVoicemail whether a call answered by a machine goes on so the host's agent leaves a
 *     message; by default ({@code false}) the dialer hangs it up at once
 * @param ringTimeout how long Twilio lets the phone ring ({@code Timeout}), 1 to 600 whole seconds;
 *     30 s by default
 * @param callsPerSecond the account's calls-per-second limit (1 by default): Twilio silently queues
 *     calls created faster. The dialer paces every create request of the account (first attempts
 *     and retries, of all keys together) to it, and hosts use it as the default token-bucket rate
 *     of API keys
 * @param accountBurst how many create requests the account may send at once before the dialer paces
 *     them at {@code callsPerSecond}; at least 1, 1 by default. In any interval of length L the
 *     account sends at most {@code accountBurst + floor(L × callsPerSecond)} creates
 * @param retry how requests safe to repeat are retried
 * @param connectTimeout the longest wait for a connection to Twilio; 5 s by default
 * @param requestTimeout the longest wait for Twilio's answer to one request; 15 s by default
 * @param reconcileMargin how long after {@code ringTimeout} plus the call's maximum duration the
 *     dialer asks Twilio about a call whose final callback never came; 30 s by default. Keep {@code
 *     ringTimeout + 2 × reconcileMargin} below the engine's time-out grace (2 min by default) so
 *     the answer arrives before the engine gives up on the call
 */
public record TwilioSettings(
    String accountSid,
    String authToken,
    @Nullable ApiKey apiKey,
    URI apiBaseUri,
    URI twimlUrl,
    URI callbackBaseUrl,
    MachineDetection machineDetection,
    boolean leaveVoicemail,
    Duration ringTimeout,
    double callsPerSecond,
    int accountBurst,
    RetryPolicy retry,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration reconcileMargin) {

  /** Twilio's production REST API. */
  public static final URI TWILIO_API = URI.create("https://api.twilio.com");

  private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
  private static final Pattern API_KEY_SID = Pattern.compile("SK[0-9a-fA-F]{32}");

  /**
   * An API key: its SID ({@code SK} + 32 hex digits) and secret, the Basic-auth user and password.
   */
  public record ApiKey(String sid, String secret) {
    public ApiKey {
      Objects.requireNonNull(sid, "apiKey sid");
      Objects.requireNonNull(secret, "apiKey secret");
      if (!API_KEY_SID.matcher(sid).matches()) {
        throw new IllegalArgumentException(
            "apiKey sid must be 'SK' followed by 32 hex digits, was '" + sid + "'");
      }
      if (secret.isBlank()) {
        throw new IllegalArgumentException("apiKey secret must not be blank");
      }
    }

    @Override
    public String toString() {
      return "ApiKey[sid=" + sid + ", secret=***]";
    }
  }

  public TwilioSettings {
    Objects.requireNonNull(accountSid, "accountSid");
    if (!ACCOUNT_SID.matcher(accountSid).matches()) {
      throw new IllegalArgumentException(
          "accountSid must be 'AC' followed by 32 hex digits, was '" + accountSid + "'");
    }
    Objects.requireNonNull(authToken, "authToken");
    if (authToken.isBlank()) {
      throw new IllegalArgumentException(
          "authToken must not be blank: it checks Twilio's webhook signatures");
    }
    checkUrl(apiBaseUri, "apiBaseUri", false);
    checkUrl(twimlUrl, "twimlUrl", true);
    checkUrl(callbackBaseUrl, "callbackBaseUrl", false);
    Objects.requireNonNull(machineDetection, "machineDetection");
    Objects.requireNonNull(ringTimeout, "ringTimeout");
    if (ringTimeout.compareTo(Duration.ofSeconds(1)) < 0
        || ringTimeout.compareTo(Duration.ofSeconds(600)) > 0
        || ringTimeout.getNano() != 0) {
      throw new IllegalArgumentException(
          "ringTimeout must be whole seconds from 1 to 600 (Twilio's Timeout), was " + ringTimeout);
    }
    if (!(callsPerSecond > 0) || Double.isInfinite(callsPerSecond)) {
      throw new IllegalArgumentException(
          "callsPerSecond must be positive and finite, was " + callsPerSecond);
    }
    if (accountBurst < 1) {
      throw new IllegalArgumentException("accountBurst must be at least 1, was " + accountBurst);
    }
    Objects.requireNonNull(retry, "retry");
    positive(connectTimeout, "connectTimeout");
    positive(requestTimeout, "requestTimeout");
    Objects.requireNonNull(reconcileMargin, "reconcileMargin");
    if (reconcileMargin.isNegative()) {
      throw new IllegalArgumentException(
          "reconcileMargin must not be negative, was " + reconcileMargin);
    }
  }

  /** A builder with the defaults; account SID, auth token and the two host URLs are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return "TwilioSettings[accountSid="
        + accountSid
        + ", authToken=***, apiKey="
        + apiKey
        + ", apiBaseUri="
        + apiBaseUri
        + ", twimlUrl="
        + twimlUrl
        + ", callbackBaseUrl="
        + callbackBaseUrl
        + ", machineDetection="
        + machineDetection
        + ", leaveVoicemail="
        + leaveVoicemail
        + ", ringTimeout="
        + ringTimeout
        + ", callsPerSecond="
        + callsPerSecond
        + ", accountBurst="
        + accountBurst
        + ", retry="
        + retry
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", reconcileMargin="
        + reconcileMargin
        + "]";
  }

  private static void checkUrl(URI url, String name, boolean queryAllowed) {
    Objects.requireNonNull(url, name);
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!url.isAbsolute()
        || !(scheme.equals("http") || scheme.equals("https"))
        || url.getHost() == null) {
      throw new IllegalArgumentException(
          name + " must be an absolute http or https URL, was '" + url + "'");
    }
    if (url.getRawFragment() != null) {
      throw new IllegalArgumentException(name + " must not have a fragment, was '" + url + "'");
    }
    if (!queryAllowed && url.getRawQuery() != null) {
      throw new IllegalArgumentException(name + " must not have a query, was '" + url + "'");
    }
  }

  private static void positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + duration);
    }
  }

  private static URI parse(String url, String name) {
    Objects.requireNonNull(url, name);
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(name + " is not a URL: '" + url + "'", e);
    }
  }

  /** Builds {@link TwilioSettings}; {@link #build()} checks every value. */
  public static final class Builder {
    private @Nullable String accountSid;
    private @Nullable String authToken;
    private @Nullable ApiKey apiKey;
    private URI apiBaseUri = TWILIO_API;
    private @Nullable URI twimlUrl;
    private @Nullable URI callbackBaseUrl;
    private MachineDetection machineDetection = MachineDetection.ENABLE;
    private boolean leaveVoicemail;
    private Duration ringTimeout = Duration.ofSeconds(30);
    private double callsPerSecond = 1.0;
    private int accountBurst = 1;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(15);
    private Duration reconcileMargin = Duration.ofSeconds(30);

    private Builder() {}

    /** The account SID, {@code AC} + 32 hex digits (required). */
    public Builder accountSid(String accountSid) {
      this.accountSid = accountSid;
      return this;
    }

    /** The account's auth token (required: webhook signatures are checked with it). */
    public Builder authToken(String authToken) {
      this.authToken = authToken;
      return this;
    }

    /** Authenticate REST requests with this API key instead of the auth token. */
    public Builder apiKey(String sid, String secret) {
      this.apiKey = new ApiKey(sid, secret);
      return this;
    }

    /** Twilio's REST API base; {@link #TWILIO_API} by default. */
    public Builder apiBaseUri(String apiBaseUri) {
      this.apiBaseUri = parse(apiBaseUri, "apiBaseUri");
      return this;
    }

    /** The host's TwiML endpoint (required). */
    public Builder twimlUrl(String twimlUrl) {
      this.twimlUrl = parse(twimlUrl, "twimlUrl");
      return this;
    }

    /** The public base URL of the webhook routes (required). */
    public Builder callbackBaseUrl(String callbackBaseUrl) {
      this.callbackBaseUrl = parse(callbackBaseUrl, "callbackBaseUrl");
      return this;
    }

    public Builder machineDetection(MachineDetection machineDetection) {
      this.machineDetection = machineDetection;
      return this;
    }

    public Builder leaveVoicemail(boolean leaveVoicemail) {
      this.leaveVoicemail = leaveVoicemail;
      return this;
    }

    public Builder ringTimeout(Duration ringTimeout) {
      this.ringTimeout = ringTimeout;
      return this;
    }

    public Builder callsPerSecond(double callsPerSecond) {
      this.callsPerSecond = callsPerSecond;
      return this;
    }

    /** Creates the account may send at once before pacing at {@code callsPerSecond}; 1. */
    public Builder accountBurst(int accountBurst) {
      this.accountBurst = accountBurst;
      return this;
    }

    public Builder retry(RetryPolicy retry) {
      this.retry = retry;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    public Builder reconcileMargin(Duration reconcileMargin) {
      this.reconcileMargin = reconcileMargin;
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException naming the first missing or bad value
     */
    public TwilioSettings build() {
      return new TwilioSettings(
          required(accountSid, "accountSid"),
          required(authToken, "authToken"),
          apiKey,
          apiBaseUri,
          required(twimlUrl, "twimlUrl"),
          required(callbackBaseUrl, "callbackBaseUrl"),
          machineDetection,
          leaveVoicemail,
          ringTimeout,
          callsPerSecond,
          accountBurst,
          retry,
          connectTimeout,
          requestTimeout,
          reconcileMargin);
    }

    private static <T> T required(@Nullable T value, String name) {
      if (value == null) {
        throw new IllegalArgumentException(name + " is required");
      }
      return value;
    }
  }
}
