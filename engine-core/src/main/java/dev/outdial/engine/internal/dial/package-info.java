/**
 * The arithmetic that paces a key's dials: its token bucket, a pure function of the key's limits
 * and a nanosecond clock reading, with no dependency inside the engine. The dispatcher that starts
 * calls, the key's round-robin ring and the key's dialling state live in {@code state}: they read
 * and write the campaign's package-private dispatch bookkeeping (ring membership, cached window
 * closing, pending timers), and moving them here would make those fields public.
 */
@NullMarked
package dev.outdial.engine.internal.dial;

import org.jspecify.annotations.NullMarked;
