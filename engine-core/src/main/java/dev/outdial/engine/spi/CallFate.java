package dev.outdial.engine.spi;

import dev.outdial.engine.EndedReason;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Dialer} found out about a {@link CallInDoubt}.
 *
 * @param kind whether it ended, is still in progress, or cannot be told
 * @param reason why it ended (only for {@link Kind#ENDED})
 * @param detail what the provider said, or why the dialer cannot tell; or {@code null}
 */
public record CallFate(Kind kind, @Nullable EndedReason reason, @Nullable String detail) {

  /** The three answers. */
  public enum Kind {
    /** The call ended (or was never created, when the provider is certain of it). */
    ENDED,
    /** The call is still up: the engine adopts it and waits for its end. */
    IN_PROGRESS,
    /** The dialer cannot tell: the call ends {@code error}. */
    UNKNOWN
  }

  public CallFate {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.ENDED) != (reason != null)) {
      throw new IllegalArgumentException("a reason is given exactly for an ended call");
    }
  }

  /** The call ended for {@code reason}. */
  public static CallFate ended(EndedReason reason, @Nullable String detail) {
    return new CallFate(Kind.ENDED, Objects.requireNonNull(reason, "reason"), detail);
  }

  /** The call is still in progress. */
  public static CallFate inProgress() {
    return new CallFate(Kind.IN_PROGRESS, null, null);
  }

  /** The dialer cannot tell, for the reason given. */
  public static CallFate unknown(String why) {
    return new CallFate(Kind.UNKNOWN, null, Objects.requireNonNull(why, "why"));
  }
}
