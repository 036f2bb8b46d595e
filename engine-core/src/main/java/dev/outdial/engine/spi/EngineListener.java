package dev.outdial.engine.spi;

import dev.outdial.engine.CallEvent;
import dev.outdial.engine.CampaignEvent;
import dev.outdial.engine.DiallingEvent;

/**
 * Hears every campaign status change and every call start and end, in the order they happen. Called
 * on the engine's owner thread: return quickly and do not call back into the engine from the
 * listener. The change an event reports has been made in full before the listener hears of it; a
 * listener that throws (anything but a {@link VirtualMachineError}, so an {@code AssertionError} or
 * a {@code LinkageError} too) is logged and the engine goes on as if it had returned.
 *
 * <p>Recipients that a {@code cancel} ends before they were dialled get no call event each: the
 * campaign's {@code canceled} event stands for them, and {@link
 * dev.outdial.engine.CampaignView#callsByEndedReason()} counts them.
 */
public interface EngineListener {

  /** A campaign was created or changed status. */
  default void onCampaign(CampaignEvent event) {}

  /**
   * A call started or ended, or (status {@code queued}) was not placed and went back to the queue
   * ({@link CallEndSink#notPlaced}).
   */
  default void onCall(CallEvent event) {}

  /** A key's dialling was suspended or resumed ({@link CallEndSink#notPlaced}). */
  default void onDialling(DiallingEvent event) {}

  /**
   * Whether it hears of each scheduled campaign that starts running because its firing instant came
   * (one {@link #onCampaign} with status {@code running} each). The engine fires the campaigns a
   * key has due at one instant as one block, at a cost that does not grow with their number, unless
   * a listener hears of each: a listener that has no use for these events returns false. Every
   * other event it hears as always, the campaign's later statuses included.
   */
  default boolean hearsFirings() {
    return true;
  }

  /**
   * A listener that ignores everything: always the same instance, which the engine recognises and
   * builds no events for, so installing it costs what installing no listener costs.
   */
  static EngineListener none() {
    return Ignoring.INSTANCE;
  }
}

/** The one listener that ignores everything (see {@link EngineListener#none()}). */
enum Ignoring implements EngineListener {
  INSTANCE;

  @Override
  public boolean hearsFirings() {
    return false;
  }
}
