package dev.outdial.twilio.internal;

import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.twilio.Scheduler;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the account can place calls. An account-wide failure — credentials refused, account
 * suspended, Twilio unreachable or refusing with 429s past the retry budget — marks it down: one
 * ERROR line for the episode, and a cheap probe ({@code GET Accounts/{sid}.json}) with back-off (1
 * s doubling to 1 min) until Twilio answers it; then the engine is told it may dial again ({@link
 * CallEndSink#dialerAvailable()}). While it is down, calls are reported not placed without a
 * request. Thread-safe.
 */
public final class AccountHealth {
  private static final Logger LOG = LoggerFactory.getLogger(AccountHealth.class);
  private static final Duration LONGEST_PROBE_WAIT = Duration.ofMinutes(1);

  private final TwilioApi api;
  private final Scheduler scheduler;
  private final String accountSid;
  private boolean down;
  private int probes;
  private @Nullable CallEndSink sink;

  public AccountHealth(TwilioApi api, Scheduler scheduler, String accountSid) {
    this.api = api;
    this.scheduler = scheduler;
    this.accountSid = accountSid;
  }

  /** Whether calls must not be sent now. */
  public synchronized boolean isDown() {
    return down;
  }

  /** An account-wide failure: the account is down until a probe succeeds. */
  public void failed(CallEndSink engine, String why) {
    synchronized (this) {
      sink = engine;
      if (down) {
        return;
      }
      down = true;
      probes = 0;
    }
    LOG.error(
        "Twilio account {} cannot place calls ({}): its keys' dialling is suspended, no recipient"
            + " is consumed, and the account is probed until Twilio answers",
        accountSid,
        why);
    probeLater();
  }

  /**
   * Called after a call was reported not placed ({@link CallEndSink#notPlaced}) because the account
   * was down. A probe that succeeded in between may have told the engine {@link
   * CallEndSink#dialerAvailable()} before that report reached it: the report then suspends the key
   * again with no probe left to resume it, and its campaigns would wait for ever. So if the account
   * is up again by now, the engine is told once more (it resumes only keys that are suspended).
   */
  public void reportedNotPlaced(CallEndSink engine) {
    synchronized (this) {
      if (down) {
        return; // the probe that ends this episode tells the engine after this report
      }
    }
    engine.dialerAvailable();
  }

  private void probeLater() {
    long wait;
    synchronized (this) {
      wait = Math.min(LONGEST_PROBE_WAIT.toSeconds(), 1L << Math.min(probes, 6));
      probes++;
    }
    scheduler.schedule(Duration.ofSeconds(wait), this::probe);
  }

  private void probe() {
    api.fetchAccount(
        (answer, failure) -> {
          if (answer != null && answer.isSuccess()) {
            recovered();
          } else {
            LOG.debug(
                "account probe: {}",
                answer != null ? ApiError.of(answer).detail() : Failures.describe(failure));
            probeLater();
          }
        });
  }

  private void recovered() {
    CallEndSink engine;
    synchronized (this) {
      down = false;
      engine = sink;
    }
    LOG.info("Twilio account {} takes calls again: dialling resumes", accountSid);
    if (engine != null) {
      engine.dialerAvailable();
    }
  }
}
