package dev.outdial.twilio.support;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.outdial.engine.spi.CallFate;
import dev.outdial.engine.spi.CallInDoubt;
import dev.outdial.engine.spi.OutboundCall;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A process that dials through a {@link FakeTwilio}, crashes, and starts again: the dialer {@link
 * #before} places calls (reporting to {@link #beforeSink}), then {@link #restart()} replaces it
 * with a fresh dialer {@link #after()} — nothing carried over — whose webhooks are served at the
 * same public URL, as a host restarted behind the same address. No engine: tests call {@code dial}
 * and {@code reconcile} themselves and read what the dialer reported from the sinks.
 */
public final class RestartRig implements AutoCloseable {
  public static final String CAMPAIGN = "batchcall_0000000000000001";

  public final SettableClock clock = new SettableClock(TwilioRig.T0);
  public final FakeTwilio twilio =
      FakeTwilio.start(TwilioRig.ACCOUNT_SID, TwilioRig.AUTH_TOKEN, clock);
  public final TwilioSettings settings;
  public final ManualScheduler beforeScheduler = new ManualScheduler(clock);
  public final TwilioDialer before;
  public final RecordingSink beforeSink = new RecordingSink();

  /** The restarted dialer's scheduler: its look-ups, retries and checks run when a test says. */
  public final ManualScheduler scheduler = new ManualScheduler(clock);

  /** What the restarted dialer reports for the calls it reconciled. */
  public final RecordingSink sink = new RecordingSink();

  private final HttpServer hooks;
  private final ExecutorService hookThreads = Executors.newCachedThreadPool();
  private final AtomicReference<HttpHandler> served = new AtomicReference<>();
  private @Nullable TwilioDialer after;

  private RestartRig() {
    try {
      hooks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    settings =
        TwilioSettings.builder()
            .accountSid(TwilioRig.ACCOUNT_SID)
            .authToken(TwilioRig.AUTH_TOKEN)
            .apiBaseUri(twilio.baseUri())
            .twimlUrl("https://dial.example.com/twiml")
            .callbackBaseUrl("http://127.0.0.1:" + hooks.getAddress().getPort() + "/hooks/twilio")
            .callsPerSecond(100)
            .accountBurst(100)
            .requestTimeout(Duration.ofSeconds(10))
            .build();
    before = dialer(beforeScheduler);
    served.set(before.webhooks().httpHandler());
    hooks.createContext("/hooks/twilio", exchange -> served.get().handle(exchange));
    hooks.setExecutor(hookThreads);
    hooks.start();
  }

  public static RestartRig start() {
    return new RestartRig();
  }

  /** The engine's id of the {@code i}-th call. */
  public static String callId(int i) {
    return String.format("call_%016x", 0xa0L + i);
  }

  /** The engine call {@code callId(i)} to {@code TwilioRig.phone(i)}. */
  public static OutboundCall outbound(int i) {
    return new OutboundCall(
        callId(i),
        CAMPAIGN,
        TwilioRig.KEY,
        TwilioRig.AGENT_ID,
        TwilioRig.FROM,
        TwilioRig.phone(i),
        "Remind the patient of tomorrow's check-up.",
        Map.of(),
        TwilioRig.MAX_CALL);
  }

  /** The old process dials call {@code i} and waits for Twilio's answer. */
  public void dialBefore(int i) {
    before.dial(outbound(i), beforeSink);
    awaitIdle(before);
  }

  /** The process crashes and starts again: a new dialer knowing nothing serves the webhooks. */
  public TwilioDialer restart() {
    TwilioDialer fresh = dialer(scheduler);
    served.set(fresh.webhooks().httpHandler());
    before.close();
    after = fresh;
    return fresh;
  }

  /** The restarted dialer. */
  public TwilioDialer after() {
    TwilioDialer current = after;
    if (current == null) {
      throw new IllegalStateException("restart() first");
    }
    return current;
  }

  /** Call {@code i} as the restarted engine hands it over, started at {@code T0}. */
  public static CallInDoubt inDoubt(int i, @Nullable String reference) {
    OutboundCall call = outbound(i);
    return new CallInDoubt(
        call.callId(), CAMPAIGN, TwilioRig.KEY, call.from(), call.to(), TwilioRig.T0, reference);
  }

  /** Reconciles on the test thread (for answers that need no retry). */
  public CallFate reconcile(CallInDoubt call) {
    CallFate fate = after().reconcile(call, sink);
    awaitIdle(after());
    return fate;
  }

  /**
   * Reconciles on another thread while this one runs the restarted dialer's delayed work (its
   * retries) as it falls due, until the fate is known.
   */
  public CallFate reconcileRunningRetries(CallInDoubt call) {
    CompletableFuture<CallFate> fate =
        CompletableFuture.supplyAsync(() -> after().reconcile(call, sink));
    Instant deadline = Instant.now().plusSeconds(20);
    while (!fate.isDone()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("reconcile did not finish");
      }
      scheduler.runNext();
      LockSupport.parkNanos(1_000_000); // polls the fate; the retries run on this thread
    }
    return fate.join();
  }

  /** Waits until no request of the restarted dialer is under way. */
  public void awaitIdle() {
    awaitIdle(after());
  }

  private static void awaitIdle(TwilioDialer dialer) {
    try {
      dialer.idle().get(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("the dialer's requests did not settle", e);
    }
  }

  private TwilioDialer dialer(ManualScheduler on) {
    return TwilioDialer.builder(settings).scheduler(on).clock(clock).build();
  }

  @Override
  public void close() {
    hooks.stop(0);
    hookThreads.shutdownNow();
    before.close();
    if (after != null) {
      after.close();
    }
    twilio.close();
  }
}
