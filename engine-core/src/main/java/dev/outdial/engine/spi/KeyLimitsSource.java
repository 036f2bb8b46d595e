package dev.outdial.engine.spi;

import java.util.Map;
import java.util.Optional;

/**
 * Per-key limits chosen by the host. Asked once, when the engine first sees a key; a key with no
 * answer gets the engine's default {@link KeyLimits}. If it throws, the {@code create} that asked
 * throws the same and creates nothing, and the source is asked again at the key's next create: a
 * key never dials on limits other than its own.
 */
@FunctionalInterface
public interface KeyLimitsSource {

  /** The limits for this key, or empty for the engine default. */
  Optional<KeyLimits> limitsFor(String keyId);

  /** No per-key values: every key gets the default. */
  static KeyLimitsSource none() {
    return keyId -> Optional.empty();
  }

  /** Fixed per-key values. */
  static KeyLimitsSource of(Map<String, KeyLimits> limits) {
    Map<String, KeyLimits> copy = Map.copyOf(limits);
    return keyId -> Optional.ofNullable(copy.get(keyId));
  }
}
