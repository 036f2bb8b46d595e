package dev.outdial.twilio.support;

import com.sun.net.httpserver.HttpServer;
import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CallView;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.DiallingEvent;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.Recipient;
import dev.outdial.engine.spi.Agent;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.spi.KeyLimitsSource;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.twilio.TwilioDialer;
import dev.outdial.twilio.TwilioSettings;
import dev.outdial.twilio.fake.FakeTwilio;
import dev.outdial.twilio.fake.ManualScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * Everything a Twilio test needs, on loopback: a {@link FakeTwilio}, a JDK {@code HttpServer}
 * serving the dialer's webhooks under {@code /hooks/twilio}, a {@link TwilioDialer} on a {@link
 * ManualScheduler}, and a deterministic engine — all on one {@link SettableClock}.
 *
 * <p>No sleeps: {@link #dial()} runs the engine and waits for the dialer's requests to be answered;
 * a callback posted by the fake returns once the webhook has answered, after which {@link
 * #settle()} lets the engine apply the end.
 */
public final class TwilioRig implements AutoCloseable {
  public static final Instant T0 = Instant.parse("2026-06-10T12:00:00Z");
  public static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
  public static final String AUTH_TOKEN = "auth-token-for-tests";
  public static final String KEY = "key_a";
  public static final String AGENT_ID = "agent_125207e452f8714a";
  public static final String FROM = "+447446466847";
  public static final Duration MAX_CALL = Duration.ofMinutes(10);
  public static final Duration GRACE = Duration.ofMinutes(2);

  /** Every key's limits unless a test gives others: generous, so pacing stays out of the way. */
  public static final KeyLimits LIMITS = new KeyLimits(10, 10.0, 10);

  public final SettableClock clock = new SettableClock(T0);
  public final FakeTwilio twilio;
  public final ManualScheduler scheduler = new ManualScheduler(clock);
  public final TwilioSettings settings;
  public final TwilioDialer dialer;
  public final OutdialEngine engine;

  /** Every suspension and resumption of a key's dialling the engine told its listener, in order. */
  public final List<DiallingEvent> dialling = new CopyOnWriteArrayList<>();

  private final HttpServer hooks;
  private final ExecutorService hookThreads = Executors.newCachedThreadPool();

  private TwilioRig(KeyLimits limits, UnaryOperator<TwilioSettings.Builder> tweak) {
    twilio = FakeTwilio.start(ACCOUNT_SID, AUTH_TOKEN, clock);
    try {
      hooks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String hookBase = "http://127.0.0.1:" + hooks.getAddress().getPort() + "/hooks/twilio";
    settings =
        tweak
            .apply(
                TwilioSettings.builder()
                    .accountSid(ACCOUNT_SID)
                    .authToken(AUTH_TOKEN)
                    .apiBaseUri(twilio.baseUri())
                    .twimlUrl("https://dial.example.com/twiml")
                    .callbackBaseUrl(hookBase)
                    .callsPerSecond(100)
                    .accountBurst(100)
                    .requestTimeout(Duration.ofSeconds(10)))
            .build();
    dialer =
        TwilioDialer.builder(settings)
            .scheduler(scheduler)
            .clock(clock)
            .keyLimits(KeyLimitsSource.none(), limits)
            .build();
    hooks.createContext("/hooks/twilio", dialer.webhooks().httpHandler());
    hooks.setExecutor(hookThreads);
    hooks.start();
    engine =
        OutdialEngine.builder()
            .clock(clock)
            .dialer(dialer)
            .agents(AgentDirectory.of(new Agent(AGENT_ID, null, List.of(FROM))))
            .defaultLimits(limits)
            .maxCallDuration(MAX_CALL)
            .timeoutGrace(GRACE)
            .listener(
                new EngineListener() {
                  @Override
                  public void onDialling(DiallingEvent event) {
                    dialling.add(event);
                  }
                })
            .build();
  }

  /** A rig with the default settings. */
  public static TwilioRig start() {
    return start(b -> b);
  }

  /** A rig whose settings are adjusted by {@code tweak}. */
  public static TwilioRig start(UnaryOperator<TwilioSettings.Builder> tweak) {
    return new TwilioRig(LIMITS, tweak);
  }

  /**
   * A rig whose keys all have {@code limits}, given to the engine and to the dialer alike (as a
   * host does), and whose settings are adjusted by {@code tweak}.
   */
  public static TwilioRig start(KeyLimits limits, UnaryOperator<TwilioSettings.Builder> tweak) {
    return new TwilioRig(limits, tweak);
  }

  /** A valid UK mobile, distinct for each {@code i}. */
  public static String phone(int i) {
    return String.format("+447111%06d", i);
  }

  /** Creates a {@code now} campaign over {@code count} recipients; returns its id. */
  public String campaign(int count) {
    return campaign(KEY, 0, count);
  }

  /**
   * Creates a {@code now} campaign for {@code key} over {@code count} recipients, {@code
   * phone(first)} onwards; returns its id.
   */
  public String campaign(String key, int first, int count) {
    BatchCampaignRequest.Builder request =
        BatchCampaignRequest.builder()
            .agentId(AGENT_ID)
            .prompt("Remind the patient of tomorrow's check-up.")
            .timezone("Europe/London");
    for (int i = first; i < first + count; i++) {
      request.recipient(Recipient.of(phone(i)));
    }
    return engine.create(key, request.build()).campaignId();
  }

  /** Lets the engine dial what is due, and waits until Twilio answered every request. */
  public void dial() {
    engine.runDue();
    awaitIdle();
  }

  /** Waits for the dialer's requests, then lets the engine apply queued ends. */
  public void settle() {
    awaitIdle();
    engine.runDue();
  }

  /** Runs the scheduler's next delayed task (moving the clock to it), then settles. */
  public void runNextDelayed() {
    scheduler.runNext();
    settle();
  }

  /**
   * Lets {@code span} pass in steps of {@code step}: at each instant the dialer's due tasks run,
   * then the engine's, and Twilio's answers are awaited — the engine and the dialer on one clock.
   */
  public void runFor(Duration span, Duration step) {
    Instant end = clock.instant().plus(span);
    settle();
    while (clock.instant().isBefore(end)) {
      clock.advance(step);
      scheduler.runDue();
      settle();
      dial();
    }
  }

  /** Waits until no request to Twilio is under way. */
  public void awaitIdle() {
    try {
      dialer.idle().get(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("the dialer's requests did not settle", e);
    }
  }

  public CampaignView campaignView(String campaignId) {
    return engine.campaign(KEY, campaignId);
  }

  /** The engine's view of the call to {@code phone}. */
  public CallView callTo(String campaignId, String phone) {
    return engine.calls(KEY, campaignId, 0, 1000).calls().stream()
        .filter(c -> c.phone().equals(phone))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no call to " + phone));
  }

  /** The Twilio sid of the one call to {@code phone}. */
  public String sidOf(String phone) {
    return twilio.onlyCallTo(phone).sid();
  }

  @Override
  public void close() {
    hooks.stop(0);
    hookThreads.shutdownNow();
    dialer.close();
    twilio.close();
  }
}
