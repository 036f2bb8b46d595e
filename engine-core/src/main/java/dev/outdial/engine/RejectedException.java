package dev.outdial.engine;

/**
 * Thrown by {@link OutdialEngine} when it refuses a request or an action; carries the {@link
 * Rejection}. Nothing was changed by the refused call.
 */
public final class RejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Rejection rejection;

  public RejectedException(Rejection rejection) {
    super(rejection.code().code() + ": " + rejection.message(), null, false, false);
    this.rejection = rejection;
  }

  /** What was wrong. */
  public Rejection rejection() {
    return rejection;
  }

  /** Shortcut for {@code rejection().code()}. */
  public ErrorCode code() {
    return rejection.code();
  }
}
