/**
 * Timers and the owner-thread loop: the queue of deadlines ({@link
 * dev.outdial.engine.internal.schedule.TimerQueue}), the lock-free inbox other threads post work
 * to, and the driver that runs an engine core in real time on its one owner thread. It decides when
 * work runs, never what it does: it depends on {@code state} only for the timer kinds it orders
 * ({@link dev.outdial.engine.internal.state.Timer}) and for the core's public pass methods. The
 * timer kinds themselves, and the cohort a firing timer fires, live in {@code state}: each names
 * the campaign, cohort or key it acts on and reads their package-private state to know whether it
 * has gone stale.
 */
@NullMarked
package dev.outdial.engine.internal.schedule;

import org.jspecify.annotations.NullMarked;
