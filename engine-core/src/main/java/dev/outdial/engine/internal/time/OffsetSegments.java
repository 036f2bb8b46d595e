package dev.outdial.engine.internal.time;

/**
 * Internal, not an API: a zone's offsets as consecutive segments of time, each with one offset,
 * walked forward with a primitive cursor so that a walk allocates no iterator: {@code c =
 * seek(second)}, then {@code offset(c)}, {@code end(c)}, and {@code c = seek(end(c))} for the next
 * segment.
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

  /**
   * The first epoch second after the segment, where the next segment starts (to be found with
   * {@link #seek}), or {@link #NONE}.
   */
  long end(long cursor);
}
