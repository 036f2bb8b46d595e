package dev.outdial.engine;

/** Where one call (one recipient) is. */
public enum CallStatus {
  /** Not dialled yet. */
  QUEUED("queued"),
  /** Handed to the dialer and not yet ended: it holds one of its key's concurrent slots. */
  IN_PROGRESS("in_progress"),
  /** Ended, with an {@link EndedReason}. */
  ENDED("ended");

  private final String wire;

  CallStatus(String wire) {
    this.wire = wire;
  }

  /** The wire spelling, e.g. {@code in_progress}. */
  public String wire() {
    return wire;
  }
}
