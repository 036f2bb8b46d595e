/**
 * Window and time arithmetic: the calling window a request describes ({@link
 * dev.outdial.engine.internal.time.BuildWindow}), the wall-clock weekly window, and a zone's UTC
 * offsets as a timeline walked forward, which {@link dev.outdial.engine.CallingWindow} uses to find
 * openings and closings. Pure functions of their arguments: depends on nothing else in the engine
 * but {@link dev.outdial.engine.CallingWindow} and the request type it builds from.
 */
@NullMarked
package dev.outdial.engine.internal.time;

import org.jspecify.annotations.NullMarked;
