/**
 * The recipient-local hours guard (issue 14): from a recipient's number to the hours in which a
 * call may start at the recipient's location.
 *
 * <ul>
 *   <li>{@link dev.outdial.engine.internal.compliance.LocateNumber} reads a number's candidate
 *       zones and jurisdiction (country, and the state for US numbers) from libphonenumber;
 *   <li>{@link dev.outdial.engine.internal.compliance.HoursRules} is the versioned rule table
 *       ({@code hours-v2.rules} beside these classes), each rule with its citation;
 *   <li>{@link dev.outdial.engine.internal.compliance.LocalHours} answers, like {@link
 *       dev.outdial.engine.CallingWindow}, when a group of recipients (one zone set, one rule) may
 *       be called; equal groups share one interned instance;
 *   <li>{@link dev.outdial.engine.internal.compliance.HoursGuard} puts these together and applies
 *       the {@link dev.outdial.engine.internal.compliance.UnresolvedZonePolicy} to numbers whose
 *       zone is unknown or country-wide.
 * </ul>
 *
 * <p>Pure functions of their arguments and of libphonenumber's and java.time's data; depends on
 * nothing in the engine but {@link dev.outdial.engine.CallingWindow}. See docs/compliance.md.
 */
@NullMarked
package dev.outdial.engine.internal.compliance;

import org.jspecify.annotations.NullMarked;
