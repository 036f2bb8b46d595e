/** The Twilio dialer's machinery: REST requests, per-call state, retries and callbacks. */
@NullMarked
package dev.outdial.twilio.internal;

import org.jspecify.annotations.NullMarked;
