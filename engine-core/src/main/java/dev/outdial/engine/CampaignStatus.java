package dev.outdial.engine;

/**
 * Where a campaign is in its life.
 *
 * <pre>
 * scheduled --fire/launch--> running --pause--> paused --resume--> running
 * scheduled | running | paused --cancel--> canceled
 * running | paused --all calls ended--> completed
 * </pre>
 */
public enum CampaignStatus {
  /** Waiting for its date and window; {@code launch} starts it at once. */
  SCHEDULED("scheduled"),
  /** Dialling whenever its window is open and its key has a slot and a token. */
  RUNNING("running"),
  /** No new calls start; calls in progress go on. */
  PAUSED("paused"),
  /** Every call has ended. */
  COMPLETED("completed"),
  /** Ended by {@code cancel}: undialled recipients end {@code canceled}. */
  CANCELED("canceled");

  private final String wire;

  CampaignStatus(String wire) {
    this.wire = wire;
  }

  /** The wire spelling, e.g. {@code running}. */
  public String wire() {
    return wire;
  }

  /** Whether the campaign will never change again. */
  public boolean isFinal() {
    return this == COMPLETED || this == CANCELED;
  }
}
