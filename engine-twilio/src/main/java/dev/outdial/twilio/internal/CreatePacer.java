package dev.outdial.twilio.internal;

import dev.outdial.engine.spi.KeyLimits;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Paces every create request (first attempts and retries alike) by two buckets at once: the API
 * key's, with the limits the host gives the engine, and the Twilio account's, shared by all keys
 * ({@code callsPerSecond}, {@code accountBurst}). A create goes at the first instant both have a
 * token, and takes one from each; requests that must wait are booked in the order they came.
 */
public final class CreatePacer {
  private final InstantSource clock;
  private final Instant origin;
  private final Cadence account;
  private final @Nullable Function<String, KeyLimits> keyLimits;
  private final Map<String, Cadence> keys = new HashMap<>();

  /**
   * @param keyLimits each key's limits, or {@code null} to pace by the account only
   */
  public CreatePacer(
      InstantSource clock,
      double accountPerSecond,
      int accountBurst,
      @Nullable Function<String, KeyLimits> keyLimits) {
    this.clock = clock;
    this.origin = clock.instant();
    this.account = new Cadence(accountPerSecond, accountBurst);
    this.keyLimits = keyLimits;
  }

  /** Books a create for {@code keyId}; returns how long to wait before sending it (zero: now). */
  public synchronized Duration book(String keyId) {
    long now = Duration.between(origin, clock.instant()).toNanos();
    Cadence key = keyLimits == null ? null : keys.computeIfAbsent(keyId, this::cadenceOf);
    long at = account.earliest(now);
    if (key != null) {
      at = Math.max(at, key.earliest(now));
      key.book(at);
    }
    account.book(at);
    return Duration.ofNanos(at - now);
  }

  private Cadence cadenceOf(String keyId) {
    KeyLimits limits = keyLimits.apply(keyId);
    return new Cadence(limits.callsPerSecond(), limits.burst());
  }
}
