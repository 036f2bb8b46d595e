package dev.outdial.engine.spi;

/**
 * Numbers that must not be called: the host's do-not-call list. The engine asks right before each
 * recipient's call starts (on its owner thread: answer from memory, quickly); a suppressed
 * recipient is never dialled and ends {@code suppressed}. A number added while a campaign runs is
 * honoured from the next recipient's turn on. Should it throw (anything but a {@link
 * VirtualMachineError}), the recipient is treated as suppressed: never dialled, its detail saying
 * why — a failing list must not lead to a call it might have forbidden.
 */
@FunctionalInterface
public interface SuppressionList {

  /** Whether {@code phone} (E.164) must not be called for the API key {@code keyId}. */
  boolean isSuppressed(String keyId, String phone) throws Exception;

  /** No number is suppressed. */
  static SuppressionList none() {
    return NoSuppression.INSTANCE;
  }
}
