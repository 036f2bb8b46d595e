package dev.outdial.server;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.outdial.engine.CallEvent;
import dev.outdial.engine.CampaignEvent;
import dev.outdial.engine.DiallingEvent;
import dev.outdial.engine.LocalHoursPolicy;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.spi.Agent;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.spi.KeyLimitsSource;
import dev.outdial.engine.store.CampaignStore;
import dev.outdial.engine.store.SuppressionStore;
import dev.outdial.server.internal.BodyAdmission;
import dev.outdial.server.internal.CallContexts;
import dev.outdial.server.internal.CheckTwilioSettings;
import dev.outdial.server.internal.ContextRoute;
import dev.outdial.server.internal.Drain;
import dev.outdial.server.internal.JdkExchanges;
import dev.outdial.server.internal.RecipientLedger;
import dev.outdial.server.internal.SimulatedDialer;
import dev.outdial.server.internal.StoreLog;
import dev.outdial.server.internal.Stores;
import dev.outdial.server.internal.SuppressionLists;
import dev.outdial.server.internal.VoiceRoute;
import dev.outdial.server.internal.cluster.ClusterApi;
import dev.outdial.server.internal.cluster.ClusterStart;
import dev.outdial.server.internal.cluster.KeyDialing;
import dev.outdial.server.internal.cluster.KeyEngine;
import dev.outdial.server.internal.cluster.KeyFences;
import dev.outdial.twilio.TwilioDialer;
import dev.outdial.twilio.TwilioSettings;
import dev.outdial.twilio.TwilioSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone server: a real-time engine committing to the configured store (SQLite {@code
 * outdial.db} by default), the {@link OutdialApi} on the JDK's built-in HTTP server, and the
 * simulated dialer unless another is given. Listens on {@code 127.0.0.1} unless configured
 * otherwise. At start it logs the store and what the engine brought back from it.
 *
 * <p>{@link #close()} is the graceful stop (SIGTERM, through the shutdown hook of {@link
 * OutdialServerMain}): it stops accepting connections, lets requests in flight finish within the
 * configured grace, stops listening, logs the campaigns still open, then closes the engine (which
 * commits what is pending and closes the store) and the dialer. Calls still in progress are
 * reconciled at the next start.
 */
public final class OutdialServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutdialServer.class);

  /**
   * How long past a call's maximum length the engine waits for its end: room for the Twilio
   * dialer's two reconciliation look-ups and their answers with the default settings.
   */
  private static final Duration TIMEOUT_GRACE = Duration.ofMinutes(3);

  private final HttpServer http;
  private final ExecutorService workers;
  private final @Nullable OutdialEngine engine;
  private final ClusterStart.@Nullable Running cluster;
  private final AutoCloseable dialer;
  private final Dialer dialerInUse;
  private final int shutdownGraceSeconds;
  private final boolean durable;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Drain drain = new Drain();

  private OutdialServer(Builder b) throws IOException {
    ServerConfig config = b.config;
    slowClientLimits(config.http());
    answersWithoutNagleDelay();
    this.http =
        HttpServer.create(new InetSocketAddress(config.listen().host(), config.listen().port()), 0);
    Map<String, HttpHandler> routes = new HashMap<>(b.routes);
    Dialer dialer;
    KeyFences fences = new KeyFences();
    try {
      dialer = b.dialer != null ? b.dialer : dialer(config, routes, fences);
    } catch (RuntimeException refused) { // a configuration refused at start: free the port
      http.stop(0);
      throw refused;
    }
    this.dialer = dialer instanceof AutoCloseable c ? c : () -> {};
    this.dialerInUse = dialer;
    long heap = Runtime.getRuntime().maxMemory();
    ServerConfig.Capacity capacity = config.capacity();
    BodyAdmission admission =
        new BodyAdmission(capacity.maxBodyBytesInFlight(heap), capacity.admissionWait());
    KeyLimits defaults = config.defaultLimits().toKeyLimits(engineDefaults(config));
    ApiKeys keys =
        b.keys != null
            ? b.keys
            : ApiKeys.of(config.apiKeys().stream().map(ServerConfig.KeyEntry::stored).toList());
    long maxBodyBytes = Math.min(config.http().maxBodyBytes(), admission.maxBytesInFlight());
    this.shutdownGraceSeconds = config.http().shutdownGraceSeconds();
    HttpHandler apiHandler;
    if (config.cluster() != null) {
      this.engine = null;
      this.durable = true;
      try {
        this.cluster =
            ClusterStart.start(
                config,
                config.cluster(),
                dialer,
                fences,
                keyDialing(dialer),
                keys,
                (keyId, store, fenced) -> {
                  RecipientLedger recipients =
                      new RecipientLedger(
                          capacity.maxRecipients(heap), capacity.maxRecipientsPerKey(heap));
                  SuppressionLists suppression =
                      SuppressionLists.load(
                          store instanceof SuppressionStore s ? s : null, b.clock);
                  OutdialEngine keyEngine =
                      engineBuilder(config, b.clock, fenced, defaults, suppression)
                          .listener(both(recipients, b.listener))
                          .store(store)
                          .start();
                  recipients.recovered(keyEngine::openCampaigns);
                  String relaySecret = ApiKeys.generate().secret();
                  OutdialApi api =
                      api(
                          keyEngine,
                          keys.alsoAccepting(keyId, relaySecret),
                          maxBodyBytes,
                          heap,
                          admission,
                          recipients,
                          suppression);
                  return new KeyEngine(keyEngine, api::handle, relaySecret);
                });
      } catch (RuntimeException refused) {
        closeQuietly(this.dialer);
        http.stop(0);
        throw refused;
      }
      ClusterApi api =
          new ClusterApi(
              cluster.node(),
              keys,
              maxBodyBytes,
              Duration.ofSeconds(config.cluster().relaySeconds()),
              admission);
      apiHandler = exchange -> JdkExchanges.serve(exchange, api::handle);
      warmUpPhoneNumbers();
      logCapacity(config, heap, admission, capacity, maxBodyBytes);
    } else {
      this.cluster = null;
      RecipientLedger recipients =
          new RecipientLedger(capacity.maxRecipients(heap), capacity.maxRecipientsPerKey(heap));
      CampaignStore store = null;
      SuppressionLists suppression;
      OutdialEngine started;
      try {
        store = b.store != null ? b.store : Stores.open(config.store(), System::getenv);
        suppression =
            SuppressionLists.load(store instanceof SuppressionStore s ? s : null, b.clock);
        OutdialEngine.Builder engine =
            engineBuilder(config, b.clock, dialer, defaults, suppression)
                .listener(both(recipients, b.listener));
        if (store != null) {
          engine.store(store);
        }
        started = engine.start();
      } catch (RuntimeException refused) { // no store, or it cannot be read: free what was taken
        closeQuietly(store);
        closeQuietly(this.dialer);
        http.stop(0);
        throw refused;
      }
      this.engine = started;
      this.durable = store != null;
      StoreLog.started(started.recovery(), durable);
      recipients.recovered(started::openCampaigns);
      if (dialer instanceof TwilioDialer twilio
          && b.dialer == null
          && config.twilio() != null
          && config.twilio().serverAnswersVoice()) {
        agentRoutes(config, twilio, b.clock, routes);
      }
      warmUpPhoneNumbers();
      logCapacity(config, heap, admission, capacity, maxBodyBytes);
      OutdialApi api = api(started, keys, maxBodyBytes, heap, admission, recipients, suppression);
      apiHandler = api.httpHandler();
    }
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            config.http().threads(), r -> new Thread(r, "outdial-http-" + n.incrementAndGet()));
    http.setExecutor(workers);
    http.createContext("/", drain.around(JdkExchanges::noRoute));
    http.createContext("/v1/", drain.around(apiHandler));
    routes.forEach((path, handler) -> http.createContext(path, drain.around(handler)));
    http.start();
  }

  /** What a cluster node asks of its dialer when it hands a key over. */
  private static KeyDialing keyDialing(Dialer dialer) {
    if (dialer instanceof TwilioDialer twilio) {
      return new KeyDialing() {
        @Override
        public int unplaced(String keyId) {
          return twilio.unplacedCalls(keyId);
        }

        @Override
        public void withhold(String keyId) {
          twilio.withholdCreates(keyId, "key " + keyId + " is being handed to another node");
        }
      };
    }
    return KeyDialing.IMMEDIATE;
  }

  /** The API over an engine, as the server configures it (the single engine's or a key's). */
  private static OutdialApi api(
      OutdialEngine engine,
      ApiKeys keys,
      long maxBodyBytes,
      long heap,
      BodyAdmission admission,
      RecipientLedger recipients,
      SuppressionLists suppression) {
    return OutdialApi.builder(engine, keys)
        .maxBodyBytes(maxBodyBytes)
        .idempotency(Duration.ofHours(24), Math.min(64L << 20, heap / 16))
        .capacity(admission, recipients)
        .suppression(suppression)
        .build();
  }

  /** An engine as the configuration sets it, without its store and listener. */
  private static OutdialEngine.Builder engineBuilder(
      ServerConfig config,
      InstantSource clock,
      Dialer dialer,
      KeyLimits defaults,
      SuppressionLists suppression) {
    return OutdialEngine.builder()
        .clock(clock)
        .dialer(dialer)
        .agents(agents(config))
        .keyLimits(keyLimits(config, defaults))
        .localHoursDefault(localHoursDefaults(config))
        .defaultLimits(defaults)
        .maxCallDuration(Duration.ofMinutes(config.http().maxCallMinutes()))
        .timeoutGrace(TIMEOUT_GRACE)
        .finishedRetention(Duration.ofMinutes(config.finishedRetentionMinutes()))
        .suppression(suppression);
  }

  /**
   * Twilio when configured, its webhooks mounted at the path of the callback URL; else the
   * simulated dialer.
   */
  private Dialer dialer(ServerConfig config, Map<String, HttpHandler> routes, KeyFences fences) {
    ServerConfig.Twilio twilio = config.twilio();
    if (twilio == null) {
      return new SimulatedDialer(config.simulatedDialer());
    }
    CheckTwilioSettings.callbackUrl(twilio.callbackBaseUrl(), twilio.privateCallbackUrlAllowed());
    if (twilio.serverAnswersVoice()) {
      CheckTwilioSettings.streamUrls(config.agents());
    }
    TwilioSettings settings = twilio.toSettings(baseUri() + "/twilio");
    CheckTwilioSettings.reconciliationBeforeTimeout(
        settings, Duration.ofMinutes(config.http().maxCallMinutes()), TIMEOUT_GRACE);
    KeyLimits defaults = config.defaultLimits().toKeyLimits(engineDefaults(config));
    TwilioDialer.Builder builder =
        TwilioDialer.builder(settings).keyLimits(keyLimits(config, defaults), defaults);
    if (config.cluster() != null) {
      builder.createGuard(fences);
    }
    TwilioDialer dialer = builder.build();
    Optional<String> refused = dialer.credentialsRefused();
    if (refused.isPresent()) {
      dialer.close();
      throw new IllegalArgumentException(
          "Twilio refuses twilio.account_sid "
              + settings.accountSid()
              + " with the configured credentials ("
              + refused.get()
              + "): check twilio.auth_token (or api_key_sid and api_key_secret) in the Twilio"
              + " console");
    }
    String path = settings.callbackBaseUrl().getPath();
    routes.put(path.isEmpty() ? "/" : path, dialer.webhooks().httpHandler());
    LOG.info(
        "dialling through Twilio account {}; webhooks at {}",
        settings.accountSid(),
        settings.callbackBaseUrl());
    return dialer;
  }

  /**
   * Twilio's voice URL, answered with TwiML connecting each call to its agent's stream, and the
   * route where the agent reads its call's context with the token the TwiML gave it.
   */
  private void agentRoutes(
      ServerConfig config,
      TwilioDialer twilio,
      InstantSource clock,
      Map<String, HttpHandler> routes) {
    TwilioSettings settings = twilio.settings();
    Duration longestCall =
        settings
            .ringTimeout()
            .plus(Duration.ofMinutes(config.http().maxCallMinutes()))
            .plus(TIMEOUT_GRACE);
    CallContexts contexts = new CallContexts(engine, clock, longestCall);
    Map<String, String> streams = new HashMap<>();
    config.agents().forEach(a -> streams.put(a.agentId(), a.streamUrl()));
    String voiceUrl = settings.twimlUrl().toString();
    routes.put(
        URI.create(voiceUrl).getPath(),
        new VoiceRoute(
            voiceUrl,
            TwilioSignature.withAuthToken(settings.authToken()),
            twilio,
            engine,
            contexts,
            streams));
    ContextRoute context = new ContextRoute(contexts);
    routes.put(ContextRoute.PREFIX, exchange -> JdkExchanges.serve(exchange, context::answer));
  }

  /**
   * Loads libphonenumber's metadata now: the first create would otherwise pay over a second for it.
   */
  private static void warmUpPhoneNumbers() {
    try {
      PhoneNumberUtil.getInstance().parse("+447111000001", "ZZ");
    } catch (NumberParseException e) {
      throw new IllegalStateException("libphonenumber cannot parse a valid UK number", e);
    }
  }

  private static void logCapacity(
      ServerConfig config,
      long heap,
      BodyAdmission admission,
      ServerConfig.Capacity capacity,
      long maxBodyBytes) {
    LOG.info(
        "capacity for a heap of {} MiB: create bodies in flight {} bytes, recipients held {}"
            + " ({} per key)",
        heap >> 20,
        admission.maxBytesInFlight(),
        capacity.maxRecipients(heap),
        capacity.maxRecipientsPerKey(heap));
    if (maxBodyBytes < config.http().maxBodyBytes()) {
      LOG.warn(
          "http.max_body_bytes lowered from {} to {} bytes: no larger body fits in"
              + " capacity.max_body_bytes_in_flight (give the JVM more heap with -Xmx)",
          config.http().maxBodyBytes(),
          maxBodyBytes);
    }
  }

  /**
   * The server's own listener first (it keeps the books of recipients held), then the host's: the
   * server's alone when the host has none, so that firing stays as cheap as the ledger allows.
   */
  private static EngineListener both(EngineListener first, EngineListener second) {
    if (second == EngineListener.none()) {
      return first;
    }
    return new EngineListener() {
      @Override
      public void onCampaign(CampaignEvent event) {
        first.onCampaign(event);
        second.onCampaign(event);
      }

      @Override
      public void onCall(CallEvent event) {
        first.onCall(event);
        second.onCall(event);
      }

      @Override
      public void onDialling(DiallingEvent event) {
        first.onDialling(event);
        second.onDialling(event);
      }

      @Override
      public boolean hearsFirings() {
        return first.hearsFirings() || second.hearsFirings();
      }
    };
  }

  /** With Twilio, a key's default call rate is the account's calls per second. */
  private static KeyLimits engineDefaults(ServerConfig config) {
    ServerConfig.Twilio twilio = config.twilio();
    if (twilio == null) {
      return KeyLimits.DEFAULT;
    }
    return new KeyLimits(
        KeyLimits.DEFAULT.maxConcurrentCalls(), twilio.accountRate(), KeyLimits.DEFAULT.burst());
  }

  /** A server with this configuration; see {@link Builder#start()}. */
  public static Builder builder(ServerConfig config) {
    return new Builder(config);
  }

  /** The bound address (the real port when configured with 0). */
  public InetSocketAddress address() {
    return http.getAddress();
  }

  /** {@code http://host:port}, for clients. */
  public URI baseUri() {
    InetSocketAddress a = address();
    return URI.create("http://" + a.getHostString() + ":" + a.getPort());
  }

  /** The dialer the engine calls: the simulated one, Twilio's, or the one given. */
  public Dialer dialer() {
    return dialerInUse;
  }

  /**
   * The engine behind the API.
   *
   * @throws IllegalStateException on a node of a cluster, which runs one engine per key it holds
   */
  public OutdialEngine engine() {
    if (engine == null) {
      throw new IllegalStateException(
          "a node of a cluster has no single engine: it runs one for each key it holds");
    }
    return engine;
  }

  /**
   * Graceful stop; idempotent. A second call while the first is under way (the shutdown hook while
   * a signal's stop runs) waits for it, so that the JVM does not exit mid-commit.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      try {
        if (!stopped.await(shutdownGraceSeconds + 60L, TimeUnit.SECONDS)) {
          LOG.warn("the stop under way did not finish in time");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    try {
      stop();
    } finally {
      stopped.countDown();
    }
  }

  private void stop() {
    LOG.info("stopping: refusing new requests, finishing those in flight");
    try {
      if (!drain.drain(Duration.ofSeconds(shutdownGraceSeconds))) {
        LOG.warn("requests still in flight after {} s are cut off", shutdownGraceSeconds);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.stop(0);
    workers.shutdown();
    if (cluster != null) {
      cluster.close(); // each key's engine commits what is pending; the leases are released
      closeQuietly(dialer);
      return;
    }
    OutdialEngine engine = engine();
    StoreLog.stopping(engine.openCampaigns(), durable);
    try {
      engine.close(); // commits what is pending and closes the store
      if (durable) {
        LOG.info("store committed and closed");
      }
    } catch (RuntimeException e) {
      LOG.error(
          "the store failed at shutdown: what was not committed is reconciled at the next start",
          e);
    }
    closeQuietly(dialer);
  }

  private static void closeQuietly(@Nullable AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("closing {} failed", closeable, e);
    }
  }

  private static AgentDirectory agents(ServerConfig config) {
    return AgentDirectory.of(
        config.agents().stream()
            .map(a -> new Agent(a.agentId(), a.timezone(), a.outboundNumbers()))
            .toArray(Agent[]::new));
  }

  /** Each key's {@code recipient_local_hours} default; off for a key that sets none. */
  private static java.util.function.Function<String, LocalHoursPolicy> localHoursDefaults(
      ServerConfig config) {
    Map<String, LocalHoursPolicy> defaults = new HashMap<>();
    for (ServerConfig.KeyEntry key : config.apiKeys()) {
      defaults.put(key.keyId(), key.localHoursDefault());
    }
    return keyId -> defaults.getOrDefault(keyId, LocalHoursPolicy.OFF);
  }

  private static KeyLimitsSource keyLimits(ServerConfig config, KeyLimits defaults) {
    Map<String, KeyLimits> limits = new HashMap<>();
    for (ServerConfig.KeyEntry key : config.apiKeys()) {
      if (key.limits() != null) {
        limits.put(key.keyId(), key.limits().toKeyLimits(defaults));
      }
    }
    return KeyLimitsSource.of(limits);
  }

  /**
   * The JDK server closes a connection whose request (body included) or answer takes longer than
   * these, so slow clients cannot hold threads. They are JVM-wide and read once, when the first JDK
   * HTTP server starts: an operator's own {@code -D} settings win.
   */
  private static void slowClientLimits(ServerConfig.Http http) {
    System.getProperties()
        .putIfAbsent("sun.net.httpserver.maxReqTime", String.valueOf(http.maxRequestSeconds()));
    System.getProperties()
        .putIfAbsent("sun.net.httpserver.maxRspTime", String.valueOf(http.maxAnswerSeconds()));
  }

  /**
   * {@code TCP_NODELAY} on accepted connections: without it Nagle's algorithm holds each answer's
   * last segment until the client's delayed ACK, about 40 ms per request on a keep-alive
   * connection. JVM-wide and read once, when the first JDK HTTP server of the JVM starts; an
   * operator's own {@code -Dsun.net.httpserver.nodelay} wins.
   */
  private static void answersWithoutNagleDelay() {
    System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
  }

  /** What to start: configuration plus what an embedder or a test may replace. */
  public static final class Builder {
    private final ServerConfig config;
    private InstantSource clock = Clock.systemUTC();
    private EngineListener listener = EngineListener.none();
    private @Nullable Dialer dialer;
    private @Nullable ApiKeys keys;
    private @Nullable CampaignStore store;
    private final Map<String, HttpHandler> routes = new HashMap<>();

    private Builder(ServerConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** The engine's clock (default: the system clock). */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Hears the engine's events (default: none; the server logs nothing per event itself). */
    public Builder listener(EngineListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The dialer (default: the simulated dialer of the configuration). */
    public Builder dialer(Dialer dialer) {
      this.dialer = Objects.requireNonNull(dialer, "dialer");
      return this;
    }

    /** The accepted keys (default: those of the configuration). */
    public Builder keys(ApiKeys keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /**
     * The store the engine commits to, instead of the one the configuration's {@code store} section
     * names; the server closes it when it stops.
     */
    public Builder store(CampaignStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** An extra route outside {@code /v1/}, e.g. a dialer's webhooks. */
    public Builder route(String path, HttpHandler handler) {
      routes.put(path, handler);
      return this;
    }

    /** Binds, starts the engine and serves. */
    public OutdialServer start() {
      try {
        return new OutdialServer(this);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot listen on " + config.listen().host() + ":" + config.listen().port(), e);
      }
    }
  }
}
