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

  /**
   * Finds out what became of a call the engine started before it stopped (a crash, a kill, a
   * deploy) and whose end it never committed: the intent to dial was committed, so the call may or
   * may not have been placed. Called once per such call when a durable engine starts, before it
   * dials anything, on the thread that starts it.
   *
   * <p>Answer {@link CallFate#ended} with the provider's reason, {@link CallFate#inProgress} if the
   * call is still up (the engine adopts it: it keeps its slot, and its end must then come through
   * {@code ends} like any other), or {@link CallFate#unknown} when the dialer cannot tell. Never
   * place the call: the recipient is never dialled again after a restart. The default answers
   * unknown: the call ends {@code error}, with a detail saying so. If it throws (anything but a
   * {@link VirtualMachineError}), the call is unknown too.
   */
  default CallFate reconcile(CallInDoubt call, CallEndSink ends) throws Exception {
    return CallFate.unknown("the dialer cannot look up calls made before a restart");
  }
}
