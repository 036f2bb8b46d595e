/**
 * Campaign state and its one owner: {@link dev.outdial.engine.internal.state.EngineCore}, which the
 * owner thread alone calls, the campaigns and keys it holds, their call ids, the one place state
 * changes ({@link dev.outdial.engine.internal.state.StateChanges}), and the snapshots read from it.
 * The dispatcher, a key's ring and state, the cohorts campaigns fire in, and the timer kinds are
 * here too, not in {@code dial} or {@code schedule}: they share campaign and key fields that are
 * package-private by design (the hot paths read fields, not accessors), so one package keeps those
 * fields out of every public signature. Depends on {@code check} for the checked request, on {@code
 * schedule} for the timer queue and inbox, and on {@code dial} for the token bucket; nothing
 * outside this package reaches anything here but the core's public methods and the timer kinds.
 */
@NullMarked
package dev.outdial.engine.internal.state;

import org.jspecify.annotations.NullMarked;
