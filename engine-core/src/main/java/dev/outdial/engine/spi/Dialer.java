package dev.outdial.engine.spi;

/**
 * Places calls: the one thing the engine cannot do itself.
 *
 * <p>{@link #dial} must start the call and return without waiting for it (it runs on the engine's
 * owner thread). The call's end comes back later through the {@link CallEndSink}. If {@code dial}
 * throws (anything but a {@link VirtualMachineError}), the call ends {@code dial_failed} at once,
 * the failure is logged, and the campaign goes on.
 */
public interface Dialer {

  /** Starts the call; returns without waiting for it to be answered or to end. */
  void dial(OutboundCall call, CallEndSink ends) throws Exception;

  /**
   * Asks the dialer to hang up a call in progress (sent when its campaign is canceled). Best
   * effort; the default does nothing and the call finishes on its own. The end still comes back
   * through the sink. If it throws (anything but a {@link VirtualMachineError}), the failure is
   * logged and the cancel stands.
   */
  default void hangUp(String callId) {}
}
