package dev.outdial.engine;

import java.util.Optional;

/**
 * Why a call ended: exactly one per call (SPEC §6), spelled as on the wire. The last three end a
 * recipient that was never dialled (the compliance options of docs/compliance.md): its call has no
 * start.
 */
public enum EndedReason {
  /** The call was answered and ended normally. */
  COMPLETED("completed"),
  /** An answering machine was detected; the call ended cleanly. */
  VOICEMAIL_DETECTED("voicemail_detected"),
  /** Nobody answered. */
  NO_ANSWER("no_answer"),
  /** The line was busy. */
  BUSY("busy"),
  /** The dialer refused the call or threw. */
  DIAL_FAILED("dial_failed"),
  /** The campaign was canceled before this call started (or the provider canceled it). */
  CANCELED("canceled"),
  /** No end was reported within the maximum call duration plus grace; the slot was freed. */
  TIMED_OUT("timed_out"),
  /** Anything else that went wrong. */
  ERROR("error"),
  /**
   * Never dialled: the number was on a suppression list (the host's do-not-call list, or the key's)
   * when its turn came (docs/compliance.md).
   */
  SUPPRESSED("suppressed"),
  /**
   * Never dialled: the recipient-local hours guard could not place the number in a time zone and
   * the campaign skips such numbers (docs/compliance.md).
   */
  SKIPPED("skipped"),
  /**
   * Never dialled: the campaign's {@code expires_at} came before this recipient's turn
   * (docs/compliance.md, expiry).
   */
  EXPIRED("expired");

  private final String wire;

  EndedReason(String wire) {
    this.wire = wire;
  }

  /** The wire spelling, e.g. {@code voicemail_detected}. */
  public String wire() {
    return wire;
  }

  /** The reason with this wire spelling, if any. */
  public static Optional<EndedReason> fromWire(String wire) {
    for (EndedReason reason : values()) {
      if (reason.wire.equals(wire)) {
        return Optional.of(reason);
      }
    }
    return Optional.empty();
  }
}
