package dev.outdial.engine.internal;

/**
 * Internal, not an API: a zone's offsets as consecutive segments of time, each with one offset,
 * walked forward with a primitive cursor so that a walk allocates no iterator.
 *
 * <p>A cursor is a {@code long} naming one segment; it is only meaningful to the instance that made
 * it. Seconds are epoch seconds; offsets are seconds east of UTC. Implementations are immutable and
 * thread-safe.
 */
public interface OffsetSegments {
  /** What {@link #end} answers for the last segment, which never ends. */
  long NONE = Long.MAX_VALUE;

  /** The cursor of the segment holding epoch second {@code second}. */
  long seek(long second);

  /** The offset in force throughout the segment, in seconds east of UTC. */
  int offset(long cursor);

  /** The first epoch second after the segment (its ending transition), or {@link #NONE}. */
  long end(long cursor);

  /**
   * The cursor of the segment that starts at {@link #end end(cursor)}; only for a segment that
   * ends.
   */
  long next(long cursor);
}
