package dev.outdial.engine.internal.time;

import java.time.Instant;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Internal, not an API: the {@link OffsetSegments} of any {@link ZoneRules}, read from the rules on
 * every call, for any instant java.time supports. Correct everywhere but slower than {@link
 * OffsetTimeline}, and it allocates (the rules create {@link Instant}s and transitions).
 *
 * <p>A cursor is any epoch second inside its segment: {@link #seek} answers its argument.
 */
public final class OffsetRulesWalk implements OffsetSegments {
  private final ZoneRules rules;

  /** The segments of {@code rules}. */
  public OffsetRulesWalk(ZoneRules rules) {
    this.rules = rules;
  }

  @Override
  public long seek(long second) {
    return second;
  }

  @Override
  public int offset(long cursor) {
    return rules.getOffset(Instant.ofEpochSecond(cursor)).getTotalSeconds();
  }

  @Override
  public long end(long cursor) {
    ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(cursor));
    return next == null ? NONE : next.toEpochSecond();
  }
}
