/**
 * The engine's machinery. Not an API: anything here may change without notice. By concern:
 *
 * <ul>
 *   <li>{@code check}: request checks, which make the checked request the engine consumes;
 *   <li>{@code time}: calling-window and time-zone arithmetic;
 *   <li>{@code schedule}: the timer queue and the owner-thread loop;
 *   <li>{@code dial}: the rate at which a key dials;
 *   <li>{@code state}: campaign state, its one owner, and the dispatcher that starts calls.
 * </ul>
 */
@NullMarked
package dev.outdial.engine.internal;

import org.jspecify.annotations.NullMarked;
