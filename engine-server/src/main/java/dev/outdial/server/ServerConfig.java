package dev.outdial.server;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.LocalHoursPolicy;
import dev.outdial.engine.spi.Agent;
import dev.outdial.engine.spi.AttemptCap;
import dev.outdial.engine.spi.KeyLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The standalone server's settings, read from a JSON file with snake_case names (see docs/server.md
 * and the sample {@code outdial-sample.json}). Every absent setting takes its default; an unknown
 * setting is an error naming it.
 *
 * @param listen where to listen (default {@code 127.0.0.1:8080})
 * @param agents the agents campaigns may use, with their zones and outbound numbers
 * @param apiKeys accepted keys (id and SHA-256 of the secret), each with optional call limits
 * @param apiKeysFile where a key generated at first start is stored (hash only), and read back from
 *     (default {@code outdial-keys.json} in the working directory)
 * @param defaultLimits call limits of keys that set none
 * @param simulatedDialer the simulated dialer used when Twilio is not configured
 * @param http HTTP limits and timeouts
 * @param twilio when present, calls go through Twilio instead of the simulated dialer
 * @param finishedRetentionMinutes how long a finished campaign (completed or canceled, no call in
 *     progress) stays readable before it is dropped from memory and answered 404 (default 1440, 24
 *     hours; 0 drops it as it finishes)
 * @param capacity how much the server takes in at once and holds; by default derived from the heap
 * @param store where campaigns are kept across restarts (default: the SQLite file {@code
 *     outdial.db} in the working directory)
 * @param cluster when present, this server is one node of a cluster sharing the PostgreSQL {@code
 *     store} (docs/cluster.md)
 */
public record ServerConfig(
    Listen listen,
    List<AgentEntry> agents,
    List<KeyEntry> apiKeys,
    String apiKeysFile,
    Limits defaultLimits,
    Simulation simulatedDialer,
    Http http,
    @Nullable Twilio twilio,
    Integer finishedRetentionMinutes,
    Capacity capacity,
    Store store,
    @Nullable Cluster cluster) {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  public ServerConfig {
    listen = Objects.requireNonNullElseGet(listen, () -> new Listen(null, null));
    agents = agents == null ? List.of() : List.copyOf(agents);
    apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    apiKeysFile = Objects.requireNonNullElse(apiKeysFile, "outdial-keys.json");
    defaultLimits = Objects.requireNonNullElse(defaultLimits, Limits.NONE);
    simulatedDialer =
        Objects.requireNonNullElseGet(
            simulatedDialer, () -> new Simulation(null, null, null, null));
    http = Objects.requireNonNullElseGet(http, () -> new Http(null, null, null, null, null, null));
    finishedRetentionMinutes = Objects.requireNonNullElse(finishedRetentionMinutes, 24 * 60);
    if (finishedRetentionMinutes < 0) {
      throw new IllegalArgumentException(
          "finished_retention_minutes must be 0 or more minutes, was " + finishedRetentionMinutes);
    }
    capacity = Objects.requireNonNullElse(capacity, Capacity.FROM_HEAP);
    store = Objects.requireNonNullElse(store, Store.DEFAULT);
    if (cluster != null) {
      if (!store.type().equals("postgres")) {
        throw new IllegalArgumentException(
            "cluster needs a shared store of type postgres (every node on the same database), but"
                + " store.type is "
                + store.type());
      }
      if (2L * cluster.relaySeconds() > http.maxAnswerSeconds()) {
        throw new IllegalArgumentException(
            "cluster.relay_seconds ("
                + cluster.relaySeconds()
                + ") is more than half of http.max_answer_seconds ("
                + http.maxAnswerSeconds()
                + "): a request passed on may wait twice relay_seconds, and the connection would"
                + " be cut before its answer");
      }
      if (twilio != null && twilio.serverAnswersVoice()) {
        throw new IllegalArgumentException(
            "cluster: a node cannot answer Twilio's voice URL itself yet (the call's agent and"
                + " prompt live on the node owning its key); set twilio.twiml_url to your own TwiML"
                + " endpoint");
      }
    }
  }

  /** Reads a config file; a file that cannot be read or understood is an error saying why. */
  public static ServerConfig load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read config file " + file, e);
    }
  }

  /** The sample shipped in the jar: the seed's agent and number, a simulated dialer. */
  public static ServerConfig sample() {
    try (InputStream in = ServerConfig.class.getResourceAsStream("outdial-sample.json")) {
      return read(Objects.requireNonNull(in, "outdial-sample.json is missing"), "the sample");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a configuration from JSON text. */
  public static ServerConfig read(String json) {
    try {
      return read(
          new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
          "text");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ServerConfig read(InputStream in, String source) throws IOException {
    try {
      return MAPPER.readValue(in, ServerConfig.class);
    } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
      // A setting's own check refused it: its message names the setting, without Jackson's words.
      String why =
          e.getCause() instanceof IllegalArgumentException refused
              ? refused.getMessage()
              : e.getOriginalMessage().lines().findFirst().orElse("");
      throw new IllegalArgumentException("config " + source + ": " + why, e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          "config " + source + ": " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
    }
  }

  /** A copy listening elsewhere (tests and embedders take an ephemeral port with 0). */
  public ServerConfig withListen(String host, int port) {
    Copy copy = new Copy(this);
    copy.listen = new Listen(host, port);
    return copy.build();
  }

  /** A copy with these keys instead of the configured ones. */
  public ServerConfig withApiKeys(List<KeyEntry> keys) {
    Copy copy = new Copy(this);
    copy.apiKeys = keys;
    return copy.build();
  }

  /** A copy with this simulated dialer. */
  public ServerConfig withSimulatedDialer(Simulation simulation) {
    Copy copy = new Copy(this);
    copy.simulatedDialer = simulation;
    return copy.build();
  }

  /** A copy with these HTTP settings. */
  public ServerConfig withHttp(Http settings) {
    Copy copy = new Copy(this);
    copy.http = settings;
    return copy.build();
  }

  /** A copy with these limits for keys without their own. */
  public ServerConfig withDefaultLimits(Limits limits) {
    Copy copy = new Copy(this);
    copy.defaultLimits = limits;
    return copy.build();
  }

  /** A copy with these agents instead of the configured ones. */
  public ServerConfig withAgents(List<AgentEntry> entries) {
    Copy copy = new Copy(this);
    copy.agents = entries;
    return copy.build();
  }

  /** A copy dialling through Twilio with these settings. */
  public ServerConfig withTwilio(Twilio settings) {
    Copy copy = new Copy(this);
    copy.twilio = settings;
    return copy.build();
  }

  /** A copy keeping finished campaigns this many minutes before dropping them. */
  public ServerConfig withFinishedRetentionMinutes(int minutes) {
    Copy copy = new Copy(this);
    copy.finishedRetentionMinutes = minutes;
    return copy.build();
  }

  /** A copy with these capacity limits. */
  public ServerConfig withCapacity(Capacity limits) {
    Copy copy = new Copy(this);
    copy.capacity = limits;
    return copy.build();
  }

  /** A copy keeping campaigns in this store. */
  public ServerConfig withStore(Store where) {
    Copy copy = new Copy(this);
    copy.store = where;
    return copy.build();
  }

  /** A copy that is a node of this cluster (null: a single server). */
  public ServerConfig withCluster(@Nullable Cluster node) {
    Copy copy = new Copy(this);
    copy.cluster = node;
    return copy.build();
  }

  /** The components of a configuration, to change one and build the copy (the withers' helper). */
  private static final class Copy {
    Listen listen;
    List<AgentEntry> agents;
    List<KeyEntry> apiKeys;
    String apiKeysFile;
    Limits defaultLimits;
    Simulation simulatedDialer;
    Http http;
    @Nullable Twilio twilio;
    Integer finishedRetentionMinutes;
    Capacity capacity;
    Store store;
    @Nullable Cluster cluster;

    Copy(ServerConfig c) {
      listen = c.listen;
      agents = c.agents;
      apiKeys = c.apiKeys;
      apiKeysFile = c.apiKeysFile;
      defaultLimits = c.defaultLimits;
      simulatedDialer = c.simulatedDialer;
      http = c.http;
      twilio = c.twilio;
      finishedRetentionMinutes = c.finishedRetentionMinutes;
      capacity = c.capacity;
      store = c.store;
      cluster = c.cluster;
    }

    ServerConfig build() {
      return new ServerConfig(
          listen,
          agents,
          apiKeys,
          apiKeysFile,
          defaultLimits,
          simulatedDialer,
          http,
          twilio,
          finishedRetentionMinutes,
          capacity,
          store,
          cluster);
    }
  }

  /** {@code host} (default 127.0.0.1: loopback only) and {@code port} (default 8080; 0 = any). */
  public record Listen(String host, Integer port) {
    public Listen {
      host = Objects.requireNonNullElse(host, "127.0.0.1");
      port = Objects.requireNonNullElse(port, 8080);
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("listen.port must be 0..65535, was " + port);
      }
    }
  }

  /**
   * An agent: {@code agent_id}, optional {@code timezone}, {@code outbound_numbers}, and {@code
   * stream_url}, the agent's media-stream endpoint ({@code wss://…}, no query) that the server's
   * TwiML connects a Twilio call to (required with Twilio unless {@code twilio.twiml_url} is set).
   */
  public record AgentEntry(
      String agentId,
      @Nullable String timezone,
      List<String> outboundNumbers,
      @Nullable String streamUrl) {
    public AgentEntry {
      Objects.requireNonNull(agentId, "agents[].agent_id is required");
      outboundNumbers = outboundNumbers == null ? List.of() : List.copyOf(outboundNumbers);
      if (streamUrl != null
          && (!streamUrl.startsWith("wss://")
              || streamUrl.contains("?")
              || streamUrl.contains("#"))) {
        throw new IllegalArgumentException(
            "agents[].stream_url of "
                + agentId
                + " must be a wss:// URL with no query or fragment (Twilio's media streams take"
                + " nothing else; pass data as stream parameters), was '"
                + streamUrl
                + "'");
      }
    }

    Agent toAgent() {
      return new Agent(agentId, timezone, outboundNumbers);
    }
  }

  /** An API key: {@code key_id}, {@code secret_sha256}, optional {@code limits}. */
  public record KeyEntry(
      String keyId,
      String secretSha256,
      @Nullable Limits limits,
      @Nullable String recipientLocalHours) {
    public KeyEntry {
      Objects.requireNonNull(keyId, "api_keys[].key_id is required");
      Objects.requireNonNull(secretSha256, "api_keys[].secret_sha256 is required");
      if (recipientLocalHours != null && LocalHoursPolicy.fromWire(recipientLocalHours).isEmpty()) {
        throw new IllegalArgumentException(
            "api_keys[].recipient_local_hours of key "
                + keyId
                + " is '"
                + recipientLocalHours
                + "', not one of off, skip_unknown, campaign_zone_for_unknown");
      }
    }

    /** A key without a recipient-local hours default (off). */
    public KeyEntry(String keyId, String secretSha256, @Nullable Limits limits) {
      this(keyId, secretSha256, limits, null);
    }

    /** The recipient-local hours policy of this key's campaigns that do not say. */
    LocalHoursPolicy localHoursDefault() {
      return recipientLocalHours == null
          ? LocalHoursPolicy.OFF
          : LocalHoursPolicy.fromWire(recipientLocalHours).orElseThrow();
    }

    ApiKeys.StoredKey stored() {
      return new ApiKeys.StoredKey(keyId, secretSha256);
    }
  }

  /**
   * Call limits: {@code max_concurrent_calls}, {@code calls_per_second}, {@code burst}, and {@code
   * attempt_cap} (not in the seed: at most so many calls to one number in a rolling period, across
   * the key's campaigns). A setting left out is inherited: a key's from {@code default_limits}, and
   * {@code default_limits}' from the engine (10, 1.0, 1, no cap) — except {@code calls_per_second},
   * which with Twilio configured defaults to the account's rate ({@code twilio.calls_per_second}).
   */
  public record Limits(
      @Nullable Integer maxConcurrentCalls,
      @Nullable Double callsPerSecond,
      @Nullable Integer burst,
      @Nullable AttemptCapSetting attemptCap) {
    static final Limits NONE = new Limits(null, null, null, null);

    public Limits {
      toKeyLimits(KeyLimits.DEFAULT); // the engine checks the values given, with its messages
    }

    /** Limits without an attempt cap of their own. */
    public Limits(
        @Nullable Integer maxConcurrentCalls,
        @Nullable Double callsPerSecond,
        @Nullable Integer burst) {
      this(maxConcurrentCalls, callsPerSecond, burst, null);
    }

    /** These limits, with {@code inherited}'s for each setting left out. */
    public KeyLimits toKeyLimits(KeyLimits inherited) {
      return new KeyLimits(
          maxConcurrentCalls != null ? maxConcurrentCalls : inherited.maxConcurrentCalls(),
          callsPerSecond != null ? callsPerSecond : inherited.callsPerSecond(),
          burst != null ? burst : inherited.burst(),
          attemptCap != null ? attemptCap.toAttemptCap() : inherited.attemptCap());
    }
  }

  /**
   * {@code limits.attempt_cap}: at most {@code attempts} calls (1 or more) to one number in any
   * {@code per_minutes} (1 to 10080, a week), counted across the key's campaigns from the durable
   * attempt log (docs/compliance.md). Both are required and must be whole JSON numbers: unlike the
   * other limits, a cap is a legal rule, so {@code 2.5} or {@code "3"} is refused, not rounded.
   */
  public record AttemptCapSetting(int attempts, int perMinutes) {
    private static final String NAME = "limits.attempt_cap";
    private static final BigDecimal MAX_ATTEMPTS = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal MAX_PER_MINUTES =
        BigDecimal.valueOf(AttemptCap.MAX_PER.toMinutes());

    public AttemptCapSetting {
      checked(attempts, perMinutes);
    }

    /** Read strictly from the configuration's JSON: see the type's promise. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static AttemptCapSetting of(JsonNode json) {
      if (!json.isObject()) {
        throw new IllegalArgumentException(
            NAME
                + " must be an object such as {\"attempts\": 3, \"per_minutes\": 1440}, was "
                + json);
      }
      for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!name.equals("attempts") && !name.equals("per_minutes")) {
          throw new IllegalArgumentException(
              NAME + " has an unknown setting '" + name + "' (known: attempts, per_minutes)");
        }
      }
      BigDecimal attempts = whole(json.get("attempts"), "attempts");
      BigDecimal perMinutes = whole(json.get("per_minutes"), "per_minutes");
      checked(attempts, perMinutes);
      return new AttemptCapSetting(attempts.intValueExact(), perMinutes.intValueExact());
    }

    private static BigDecimal whole(@Nullable JsonNode value, String name) {
      String setting = NAME + "." + name;
      if (value == null || value.isNull()) {
        throw new IllegalArgumentException(setting + " is required");
      }
      BigDecimal exact = value.isNumber() ? value.decimalValue() : null;
      if (exact == null || (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0)) {
        throw new IllegalArgumentException(setting + " must be a whole number, was " + value);
      }
      return exact;
    }

    private static void checked(Number attempts, Number perMinutes) {
      BigDecimal calls = new BigDecimal(attempts.toString());
      BigDecimal minutes = new BigDecimal(perMinutes.toString());
      if (calls.compareTo(BigDecimal.ONE) < 0) {
        throw new IllegalArgumentException(
            NAME + ".attempts must be at least 1 call, was " + attempts);
      }
      if (calls.compareTo(MAX_ATTEMPTS) > 0) {
        throw new IllegalArgumentException(
            NAME + ".attempts must be at most " + MAX_ATTEMPTS + " calls, was " + attempts);
      }
      if (minutes.compareTo(BigDecimal.ONE) < 0 || minutes.compareTo(MAX_PER_MINUTES) > 0) {
        throw new IllegalArgumentException(
            NAME
                + ".per_minutes must be 1 to "
                + MAX_PER_MINUTES
                + " minutes (a week), was "
                + perMinutes);
      }
    }

    AttemptCap toAttemptCap() {
      return new AttemptCap(attempts, Duration.ofMinutes(perMinutes));
    }
  }

  /**
   * The simulated dialer: {@code outcomes} weights by {@code ended_reason} (default 80 completed,
   * 10 voicemail_detected, 5 no_answer, 5 busy), call length between {@code min_call_seconds} and
   * {@code max_call_seconds} (default 5 and 60), and an optional {@code seed} for repeatable runs.
   */
  public record Simulation(
      Map<String, Integer> outcomes,
      Integer minCallSeconds,
      Integer maxCallSeconds,
      @Nullable Long seed) {
    public Simulation {
      if (outcomes == null) {
        outcomes = new LinkedHashMap<>();
        outcomes.put("completed", 80);
        outcomes.put("voicemail_detected", 10);
        outcomes.put("no_answer", 5);
        outcomes.put("busy", 5);
      }
      outcomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
      minCallSeconds = Objects.requireNonNullElse(minCallSeconds, 5);
      maxCallSeconds = Objects.requireNonNullElse(maxCallSeconds, 60);
      if (minCallSeconds < 0 || maxCallSeconds < minCallSeconds) {
        throw new IllegalArgumentException(
            "simulated_dialer needs 0 <= min_call_seconds <= max_call_seconds, was "
                + minCallSeconds
                + " and "
                + maxCallSeconds);
      }
      int total = 0;
      for (var e : outcomes.entrySet()) {
        EndedReason reason = EndedReason.fromWire(e.getKey()).orElse(null);
        if (reason == null || reason == EndedReason.CANCELED || reason == EndedReason.TIMED_OUT) {
          throw new IllegalArgumentException(
              "simulated_dialer.outcomes: '"
                  + e.getKey()
                  + "' is not an ended_reason a dialer reports (completed, voicemail_detected,"
                  + " no_answer, busy, dial_failed, error)");
        }
        if (e.getValue() == null || e.getValue() < 0) {
          throw new IllegalArgumentException(
              "simulated_dialer.outcomes." + e.getKey() + " must be a weight >= 0");
        }
        total += e.getValue();
      }
      if (total <= 0) {
        throw new IllegalArgumentException("simulated_dialer.outcomes needs a positive weight");
      }
    }
  }

  /**
   * HTTP limits: {@code max_body_bytes} (default 8 MiB), {@code threads} (default 16), {@code
   * max_request_seconds} for a client to send its whole request (default 30), {@code
   * max_answer_seconds} from the end of the request to the end of the answer, the create's own work
   * included (default 120), {@code shutdown_grace_seconds} to finish requests in flight on SIGTERM
   * (default 10), {@code max_call_minutes}, the engine's longest call (default 60).
   */
  public record Http(
      Long maxBodyBytes,
      Integer threads,
      Integer maxRequestSeconds,
      Integer shutdownGraceSeconds,
      Integer maxCallMinutes,
      Integer maxAnswerSeconds) {
    public Http {
      maxBodyBytes = Objects.requireNonNullElse(maxBodyBytes, 8L << 20);
      threads = Objects.requireNonNullElse(threads, 16);
      maxRequestSeconds = Objects.requireNonNullElse(maxRequestSeconds, 30);
      shutdownGraceSeconds = Objects.requireNonNullElse(shutdownGraceSeconds, 10);
      maxCallMinutes = Objects.requireNonNullElse(maxCallMinutes, 60);
      maxAnswerSeconds = Objects.requireNonNullElse(maxAnswerSeconds, 120);
      if (threads < 1
          || maxRequestSeconds < 1
          || maxAnswerSeconds < 1
          || shutdownGraceSeconds < 0
          || maxCallMinutes < 1) {
        throw new IllegalArgumentException(
            "http: threads, max_request_seconds, max_answer_seconds and max_call_minutes must be"
                + " positive, shutdown_grace_seconds not negative");
      }
    }
  }

  /**
   * What the server takes in at once and holds, so that no load exhausts its heap (docs/server.md,
   * "Capacity"). Each setting left out is derived from the heap's maximum size {@code M} ({@link
   * Runtime#maxMemory()}):
   *
   * <ul>
   *   <li>{@code max_body_bytes_in_flight}: create bodies being read and parsed at once, in bytes
   *       (default {@code M / 32}; parsing takes about 14 times a body's size). A create waits up
   *       to {@code admission_wait_millis} (default 2000) for room, then is answered 503 {@code
   *       server_busy} with {@code Retry-After}. A body larger than this limit is 413.
   *   <li>{@code max_recipients}: recipients of campaigns not yet completed or cancelled, all keys
   *       together (default {@code M / 1024}, about a quarter of the heap at ~280 bytes per waiting
   *       recipient with two short variables).
   *   <li>{@code max_recipients_per_key}: the same for one key (default {@code max_recipients}).
   * </ul>
   *
   * A create that would go over a recipient limit is 429 {@code capacity_exceeded} naming it.
   */
  public record Capacity(
      @Nullable Long maxBodyBytesInFlight,
      @Nullable Integer admissionWaitMillis,
      @Nullable Long maxRecipients,
      @Nullable Long maxRecipientsPerKey) {
    static final Capacity FROM_HEAP = new Capacity(null, null, null, null);

    public Capacity {
      if ((maxBodyBytesInFlight != null && maxBodyBytesInFlight < 1024)
          || (admissionWaitMillis != null && admissionWaitMillis < 0)
          || (maxRecipients != null && maxRecipients < 1)
          || (maxRecipientsPerKey != null && maxRecipientsPerKey < 1)) {
        throw new IllegalArgumentException(
            "capacity: max_body_bytes_in_flight must be at least 1024, max_recipients and"
                + " max_recipients_per_key positive, admission_wait_millis not negative");
      }
    }

    /** Body bytes read and parsed at once: the setting, else {@code heapBytes / 32}. */
    public long maxBodyBytesInFlight(long heapBytes) {
      return maxBodyBytesInFlight != null ? maxBodyBytesInFlight : Math.max(1024, heapBytes / 32);
    }

    /** How long a create waits for room among the bodies in flight (default 2 s). */
    public java.time.Duration admissionWait() {
      return java.time.Duration.ofMillis(admissionWaitMillis != null ? admissionWaitMillis : 2000);
    }

    /** Recipients held, all keys: the setting, else {@code heapBytes / 1024}. */
    public long maxRecipients(long heapBytes) {
      return maxRecipients != null ? maxRecipients : Math.max(1, heapBytes / 1024);
    }

    /** Recipients held by one key: the setting, else {@link #maxRecipients(long)}. */
    public long maxRecipientsPerKey(long heapBytes) {
      return maxRecipientsPerKey != null ? maxRecipientsPerKey : maxRecipients(heapBytes);
    }
  }

  /**
   * Where campaigns are kept across restarts (docs/server.md, "Store"), by {@code type}:
   *
   * <ul>
   *   <li>{@code sqlite} (the default, also when the section is absent): the SQLite file {@code
   *       file} (default {@code outdial.db}, relative to the working directory), created if absent;
   *       nothing to install.
   *   <li>{@code postgres}: the database at {@code url} ({@code jdbc:postgresql://…}) as {@code
   *       user}, with the password read from the environment variable named by {@code
   *       password_env}, or given inline as {@code password}.
   *   <li>{@code memory}: nothing is kept; a restart loses every campaign.
   * </ul>
   *
   * A setting that belongs to another type is an error naming it.
   */
  public record Store(
      @Nullable String type,
      @Nullable String file,
      @Nullable String url,
      @Nullable String user,
      @Nullable String password,
      @Nullable String passwordEnv) {
    static final Store DEFAULT = new Store(null, null, null, null, null, null);

    /** Keeps nothing: every campaign is lost when the server stops. */
    public static final Store MEMORY = new Store("memory", null, null, null, null, null);

    public Store {
      type = Objects.requireNonNullElse(type, "sqlite");
      switch (type) {
        case "sqlite" -> {
          file = Objects.requireNonNullElse(file, "outdial.db");
          if (file.isBlank()) {
            throw new IllegalArgumentException("store.file must name a file, was blank");
          }
          onlyFor("sqlite", "url", url, "user", user, "password", password);
          onlyFor("sqlite", "password_env", passwordEnv);
        }
        case "postgres" -> {
          onlyFor("postgres", "file", file);
          if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                "store.url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db) with"
                    + " type postgres, was "
                    + (url == null ? "missing" : "'" + withoutQuery(url) + "'"));
          }
          if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("store.user is required with type postgres");
          }
          if ((password == null) == (passwordEnv == null)) {
            throw new IllegalArgumentException(
                "store: type postgres needs exactly one of password_env (the name of an"
                    + " environment variable holding the password) and password, "
                    + (password == null ? "got neither" : "got both"));
          }
          if (passwordEnv != null && passwordEnv.isBlank()) {
            throw new IllegalArgumentException(
                "store.password_env must name an environment variable, was blank");
          }
        }
        case "memory" -> {
          onlyFor("memory", "file", file, "url", url, "user", user);
          onlyFor("memory", "password", password, "password_env", passwordEnv);
        }
        default ->
            throw new IllegalArgumentException(
                "store.type must be sqlite, postgres or memory, was '" + type + "'");
      }
    }

    /** SQLite in {@code file}. */
    public static Store sqlite(String file) {
      return new Store("sqlite", file, null, null, null, null);
    }

    /** Whether campaigns survive a restart (every type but {@code memory}). */
    public boolean durable() {
      return !type.equals("memory");
    }

    /**
     * The PostgreSQL password: inline, or read from the variable {@code password_env} names.
     *
     * @throws IllegalArgumentException if that variable is not set
     */
    public String password(java.util.function.UnaryOperator<@Nullable String> environment) {
      if (password != null) {
        return password;
      }
      String name = Objects.requireNonNull(passwordEnv, "store.password_env");
      String value = environment.apply(name);
      if (value == null) {
        throw new IllegalArgumentException(
            "store.password_env names the environment variable "
                + name
                + ", which is not set: set it to the database password");
      }
      return value;
    }

    private static void onlyFor(String type, Object... namesAndValues) {
      for (int i = 0; i < namesAndValues.length; i += 2) {
        if (namesAndValues[i + 1] != null) {
          throw new IllegalArgumentException(
              "store." + namesAndValues[i] + " does not apply to type " + type);
        }
      }
    }

    private static String withoutQuery(String url) {
      int query = url.indexOf('?');
      return query < 0 ? url : url.substring(0, query);
    }

    @Override
    public String toString() {
      return "Store[type="
          + type
          + (file != null ? ", file=" + file : "")
          + (url != null ? ", url=" + withoutQuery(url) : "")
          + (user != null ? ", user=" + user : "")
          + (passwordEnv != null ? ", password_env=" + passwordEnv : "")
          + (password != null ? ", password hidden" : "")
          + "]";
    }
  }

  /**
   * This server as one node of a cluster (docs/cluster.md): several servers on one PostgreSQL
   * {@code store}, each API key's dialling owned by one node at a time through a lease.
   *
   * @param nodeId this process's id among the live nodes (default: host name, process id and start
   *     time, unique per process)
   * @param leaseSeconds how long a key's lease lasts without renewal (default 10, at least 3): a
   *     dead node's keys are taken over within about this time; renewed every third of it
   * @param claimLimit the most keys a node claims at once (default 16)
   * @param relaySeconds how long a node waits for the key's owner to answer a request it passed on
   *     (default 30, at least {@code leaseSeconds}, so that a takeover fits in it)
   */
  public record Cluster(
      @Nullable String nodeId, Integer leaseSeconds, Integer claimLimit, Integer relaySeconds) {
    public Cluster {
      leaseSeconds = Objects.requireNonNullElse(leaseSeconds, 10);
      claimLimit = Objects.requireNonNullElse(claimLimit, 16);
      relaySeconds = Objects.requireNonNullElse(relaySeconds, Math.max(30, leaseSeconds));
      if (nodeId != null && (nodeId.isBlank() || nodeId.length() > 200)) {
        throw new IllegalArgumentException(
            "cluster.node_id must be 1 to 200 characters, not blank, or left out");
      }
      if (leaseSeconds < 3 || leaseSeconds > 3600) {
        throw new IllegalArgumentException(
            "cluster.lease_seconds must be 3 to 3600, was " + leaseSeconds);
      }
      if (claimLimit < 1) {
        throw new IllegalArgumentException(
            "cluster.claim_limit must be at least 1, was " + claimLimit);
      }
      if (relaySeconds < leaseSeconds) {
        throw new IllegalArgumentException(
            "cluster.relay_seconds ("
                + relaySeconds
                + ") must be at least cluster.lease_seconds ("
                + leaseSeconds
                + "): a request for a key whose node died waits for the takeover");
      }
    }

    /** The configured id, or one unique to this process. */
    public String nodeIdOrDefault() {
      if (nodeId != null) {
        return nodeId;
      }
      String host;
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.net.UnknownHostException e) {
        host = "localhost";
      }
      ProcessHandle self = ProcessHandle.current();
      return host
          + "-"
          + self.pid()
          + "-"
          + self.info()
              .startInstant()
              .map(i -> i.toEpochMilli())
              .orElse(System.currentTimeMillis());
    }
  }

  /**
   * Dial through Twilio (docs/twilio.md). Required: {@code account_sid}, {@code auth_token} (also
   * checks webhook signatures). Optional: {@code twiml_url} (a host's own TwiML endpoint; without
   * it the server answers Twilio's voice URL itself, connecting each call to its agent's {@code
   * stream_url}), {@code api_key_sid} and {@code api_key_secret} (REST calls with an API key
   * instead of the auth token), {@code api_base_uri} (default {@code https://api.twilio.com}),
   * {@code callback_base_url} (the public URL of this server's webhook routes: required, and
   * refused at start-up when it is a loopback, unspecified or private address), {@code
   * allow_private_callback_url} ({@code true} allows such a URL, and without one defaults it to
   * {@code http://<listen host>:<port>/twilio}: for a local fake Twilio only), {@code
   * machine_detection} ({@code Enable} or {@code DetectMessageEnd}), {@code leave_voicemail},
   * {@code ring_timeout_seconds} (default 30) and {@code calls_per_second}, the account's rate
   * (default 1), which becomes the default call rate of every key.
   */
  public record Twilio(
      String accountSid,
      String authToken,
      @Nullable String apiKeySid,
      @Nullable String apiKeySecret,
      @Nullable String apiBaseUri,
      @Nullable String twimlUrl,
      @Nullable String callbackBaseUrl,
      @Nullable String machineDetection,
      @Nullable Boolean leaveVoicemail,
      @Nullable Integer ringTimeoutSeconds,
      @Nullable Double callsPerSecond,
      @Nullable Boolean allowPrivateCallbackUrl) {

    public Twilio {
      if ((apiKeySid == null) != (apiKeySecret == null)) {
        throw new IllegalArgumentException(
            "twilio.api_key_sid and twilio.api_key_secret go together");
      }
      if (machineDetection != null
          && java.util.Arrays.stream(dev.outdial.twilio.MachineDetection.values())
              .noneMatch(m -> m.wire().equals(machineDetection))) {
        throw new IllegalArgumentException(
            "twilio.machine_detection must be Enable or DetectMessageEnd, was '"
                + machineDetection
                + "'");
      }
    }

    /** Whether a loopback or private callback URL is allowed (a local fake Twilio). */
    public boolean privateCallbackUrlAllowed() {
      return Boolean.TRUE.equals(allowPrivateCallbackUrl);
    }

    /** The account's calls per second. */
    public double accountRate() {
      return callsPerSecond == null ? 1.0 : callsPerSecond;
    }

    /** Whether the server answers Twilio's voice URL itself (no {@code twiml_url} configured). */
    public boolean serverAnswersVoice() {
      return twimlUrl == null;
    }

    /** The callback base URL, or {@code fallback} when none is configured. */
    public String callbackBaseUrl(String fallback) {
      String base = callbackBaseUrl != null ? callbackBaseUrl : fallback;
      return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The server's voice URL under the callback base URL. */
    public String voiceUrl(String fallbackCallbackBaseUrl) {
      return callbackBaseUrl(fallbackCallbackBaseUrl) + "/voice";
    }

    /** The dialer's settings, with the callback URL to use when none is configured. */
    public dev.outdial.twilio.TwilioSettings toSettings(String defaultCallbackBaseUrl) {
      var b =
          dev.outdial.twilio.TwilioSettings.builder()
              .accountSid(Objects.requireNonNull(accountSid, "twilio.account_sid is required"))
              .authToken(Objects.requireNonNull(authToken, "twilio.auth_token is required"))
              .twimlUrl(twimlUrl != null ? twimlUrl : voiceUrl(defaultCallbackBaseUrl))
              .callbackBaseUrl(callbackBaseUrl(defaultCallbackBaseUrl))
              .callsPerSecond(accountRate());
      if (apiKeySid != null && apiKeySecret != null) {
        b.apiKey(apiKeySid, apiKeySecret);
      }
      if (apiBaseUri != null) {
        b.apiBaseUri(apiBaseUri);
      }
      if (machineDetection != null) {
        for (var m : dev.outdial.twilio.MachineDetection.values()) {
          if (m.wire().equals(machineDetection)) {
            b.machineDetection(m);
          }
        }
      }
      if (leaveVoicemail != null) {
        b.leaveVoicemail(leaveVoicemail);
      }
      if (ringTimeoutSeconds != null) {
        b.ringTimeout(java.time.Duration.ofSeconds(ringTimeoutSeconds));
      }
      return b.build();
    }

    @Override
    public String toString() {
      return "Twilio[accountSid=" + accountSid + ", secrets hidden]";
    }
  }
}
