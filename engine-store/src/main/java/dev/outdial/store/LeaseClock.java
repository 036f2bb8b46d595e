package dev.outdial.store;

/**
 * A node's own view of whether its lease on a key can still be running: the self-fence. A {@link
 * KeyStore} asks it before every write and, when it answers false, refuses the write without
 * sending anything to the database.
 *
 * <p>Back it with a monotonic deadline: read {@code System.nanoTime()} <em>before</em> sending the
 * claim or renewal that granted the lease, and answer true until that reading plus the lease's
 * duration (less a margin) has passed. It relies only on this machine's clock running at the
 * database's rate, never on the two clocks agreeing.
 *
 * <p>Why, when the fence inside each commit ({@link KeyLeases#requireHeld}) is already correct: a
 * node frozen past its lease (a long GC pause, a suspended VM) wakes up with work in hand, and
 * should not even try it. The self-fence stops it at once, without a round trip, and without
 * waiting on a lease row another node may hold locked; the database's fence remains the proof.
 *
 * <p>Called from the engine's thread and from request threads: implementations must be safe for
 * that and fast (no I/O).
 */
@FunctionalInterface
public interface LeaseClock {
  /** A clock that never says the lease may be over: only the database's fence applies. */
  LeaseClock UNCHECKED = () -> true;

  /** Whether the lease can still be running by this node's own clock: false refuses every write. */
  boolean held();
}
