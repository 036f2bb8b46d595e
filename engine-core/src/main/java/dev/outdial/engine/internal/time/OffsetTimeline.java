package dev.outdial.engine.internal.time;

import java.time.Instant;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Internal, not an API: the {@link OffsetSegments} of a zone for every instant java.time supports,
 * with the transitions from 1900 to 2300 precomputed into sorted arrays shared by all users of the
 * same rules. There a seek is a bucket lookup and a short scan and every other step an array read,
 * allocating nothing; a fixed-offset zone is one segment that never ends. Outside the arrays the
 * segments are those of an {@link OffsetRulesWalk}, whose {@link ZoneRules} lookups allocate.
 *
 * <p>Cursors: {@code 0 <= c < tableSegments} indexes the arrays. A walked segment is named by a
 * second inside it: {@code c < 0} means second {@code from + c} (before the arrays) and {@code c >=
 * tableSegments} means second {@code tailFrom + (c - tableSegments)} (after them).
 */
public final class OffsetTimeline implements OffsetSegments {
  private static final long FROM = -2_208_988_800L; // 1900-01-01T00:00:00Z
  private static final long UNTIL = 10_413_792_000L; // 2300-01-01T00:00:00Z
  private static final int BUCKET_SHIFT = 23; // buckets of 2^23 s (97 days) from FROM
  private static final ConcurrentHashMap<ZoneRules, OffsetTimeline> CACHE =
      new ConcurrentHashMap<>();

  /** Transition instants in epoch seconds, ascending. */
  private final long[] at;

  /**
   * {@code offsets[i]}: offset seconds in force from {@code at[i - 1]} (or FROM) to {@code at[i]}.
   */
  private final int[] offsets;

  /**
   * {@code firstInBucket[b]}: how many transitions precede the bucket {@code b}, which starts at
   * {@code FROM + (b << BUCKET_SHIFT)}; a seek scans on from there, past a transition or two.
   */
  private final int[] firstInBucket;

  /** Segments answered from the arrays: all when the rules have no later transition. */
  private final int tableSegments;

  /** Seconds before this are walked: {@code FROM}, or {@code Long.MIN_VALUE} for a fixed offset. */
  private final long from;

  /** Where the walk after the arrays starts: the last stored transition, or FROM if none. */
  private final long tailFrom;

  private final OffsetRulesWalk walk;

  private OffsetTimeline(long[] at, int[] offsets, int tableSegments, long from, ZoneRules rules) {
    this.at = at;
    this.offsets = offsets;
    this.tableSegments = tableSegments;
    this.from = from;
    this.tailFrom = at.length > 0 ? at[at.length - 1] : FROM;
    this.firstInBucket = new int[at.length > 0 ? (int) ((UNTIL - FROM) >> BUCKET_SHIFT) + 1 : 0];
    for (int b = 0, i = 0; b < firstInBucket.length; b++) {
      while (i < at.length && at[i] < FROM + ((long) b << BUCKET_SHIFT)) {
        i++;
      }
      firstInBucket[b] = i;
    }
    this.walk = new OffsetRulesWalk(rules);
  }

  /**
   * The timeline of {@code rules}: built once per distinct rules and cached for the life of the JVM
   * (a fixed offset is one segment, built on the spot).
   */
  public static OffsetTimeline of(ZoneRules rules) {
    if (rules.isFixedOffset()) {
      int offset = rules.getOffset(Instant.EPOCH).getTotalSeconds();
      return new OffsetTimeline(new long[0], new int[] {offset}, 1, Long.MIN_VALUE, rules);
    }
    OffsetTimeline cached = CACHE.get(rules);
    if (cached != null) {
      return cached;
    }
    long[] at = new long[64];
    int[] offsets = new int[65];
    offsets[0] = rules.getOffset(Instant.ofEpochSecond(FROM)).getTotalSeconds();
    int n = 0;
    ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(FROM));
    while (next != null && next.toEpochSecond() < UNTIL) {
      if (n == at.length) {
        at = Arrays.copyOf(at, 2 * n);
        offsets = Arrays.copyOf(offsets, 2 * n + 1);
      }
      at[n] = next.toEpochSecond();
      offsets[++n] = next.getOffsetAfter().getTotalSeconds();
      next = rules.nextTransition(next.getInstant());
    }
    int tableSegments = next == null ? n + 1 : n;
    OffsetTimeline built =
        new OffsetTimeline(
            Arrays.copyOf(at, n), Arrays.copyOf(offsets, n + 1), tableSegments, FROM, rules);
    OffsetTimeline raced = CACHE.putIfAbsent(rules, built);
    return raced != null ? raced : built;
  }

  @Override
  public long seek(long second) {
    if (second < from) {
      return second - from;
    }
    long bucket = (second - FROM) >> BUCKET_SHIFT;
    int i =
        bucket < 0 ? 0 : bucket < firstInBucket.length ? firstInBucket[(int) bucket] : at.length;
    while (i < at.length && at[i] <= second) {
      i++;
    }
    return i < tableSegments ? i : tableSegments + (second - tailFrom);
  }

  @Override
  public int offset(long cursor) {
    return tabled(cursor) ? offsets[(int) cursor] : walk.offset(walked(cursor));
  }

  @Override
  public long end(long cursor) {
    if (tabled(cursor)) {
      return cursor < at.length ? at[(int) cursor] : NONE;
    }
    return walk.end(walked(cursor));
  }

  private boolean tabled(long cursor) {
    return cursor >= 0 && cursor < tableSegments;
  }

  /** The second inside the walked segment named by {@code cursor}. */
  private long walked(long cursor) {
    return cursor < 0 ? from + cursor : tailFrom + (cursor - tableSegments);
  }
}
