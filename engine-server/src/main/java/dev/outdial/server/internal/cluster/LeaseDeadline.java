package dev.outdial.server.internal.cluster;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The self-fence of one key: until when this node may act under its lease, on this process's
 * monotonic clock ({@link System#nanoTime()}), counted from the moment the claim or renewal that
 * granted the lease was <em>sent</em>. The database's clock decides who owns a key; this deadline
 * ends no later than the database's lease (it starts before the database's does and is shortened by
 * a margin for the two clocks' rates), so a node that froze past its lease (a long GC pause, a
 * stopped VM) stops acting for the key on waking, before any round trip. Safe for several threads.
 */
final class LeaseDeadline {
  private final long marginNanos;
  private final long durationNanos;
  private final long token;
  private volatile long deadline;
  private volatile boolean revoked;
  private volatile boolean handingOver;
  private final AtomicBoolean refused = new AtomicBoolean();

  /**
   * A deadline for the lease of token {@code token} and {@code duration}, granted by a request sent
   * at {@code sentNanos}.
   */
  LeaseDeadline(long token, Duration duration, long sentNanos) {
    this.token = token;
    this.durationNanos = duration.toNanos();
    // A tenth of the lease, at least 200 ms: room for the clocks' rates and a commit in flight.
    this.marginNanos = Math.max(durationNanos / 10, Duration.ofMillis(200).toNanos());
    this.deadline = sentNanos + durationNanos - marginNanos;
  }

  /** A renewal sent at {@code sentNanos} succeeded for this key. */
  void renewed(long sentNanos) {
    long next = sentNanos + durationNanos - marginNanos;
    if (next - deadline > 0) {
      deadline = next;
    }
  }

  /** The key was lost or released: never held again through this deadline. */
  void revoke() {
    revoked = true;
  }

  /** The key is being handed over: no new call, though its last commits still go. */
  void handOver() {
    handingOver = true;
  }

  /** Whether the node may start a call for the key: it holds it and is not handing it over. */
  boolean mayDial() {
    return !handingOver && held();
  }

  /** The lease's fencing token. */
  long token() {
    return token;
  }

  /** A dial or create was refused because this deadline had passed (the key may be suspended). */
  void refusedOne() {
    refused.set(true);
  }

  /** Whether a dial or create was refused since the last call; clears it. */
  boolean takeRefused() {
    return refused.getAndSet(false);
  }

  /** Whether the node may still act for the key. */
  boolean held() {
    return !revoked && deadline - System.nanoTime() > 0;
  }
}
