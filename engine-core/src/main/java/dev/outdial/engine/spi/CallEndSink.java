package dev.outdial.engine.spi;

import dev.outdial.engine.EndedReason;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link Dialer} reports that a call ended. Handed over by the engine with every call.
 *
 * <p>Safe to call from any thread, at any time, including from inside {@link Dialer#dial}: the
 * report is queued and applied by the engine's owner thread (or the next {@code runDue()} in
 * deterministic mode). The first report for a call wins; a repeated report, or one for a call the
 * engine does not know, changes nothing and is logged.
 */
public interface CallEndSink {

  /** The call ended for this reason. */
  default void callEnded(String callId, EndedReason reason) {
    callEnded(callId, reason, null);
  }

  /**
   * The call ended for this reason.
   *
   * @param detail what the telephony said (for example a provider error code and message), kept on
   *     the call; or {@code null}
   */
  void callEnded(String callId, EndedReason reason, @Nullable String detail);
}
