/**
 * Dialling through Twilio's Voice REST API: a {@link dev.outdial.twilio.TwilioDialer} configured by
 * {@link dev.outdial.twilio.TwilioSettings}, the {@link dev.outdial.twilio.TwilioWebhooks} that
 * turn Twilio's signed status and answering-machine callbacks into call ends, and {@link
 * dev.outdial.twilio.TwilioSignature} for checking any request Twilio sends to the host.
 *
 * <p>Everything in {@code dev.outdial.twilio.internal} is machinery with no compatibility promise.
 */
@NullMarked
package dev.outdial.twilio;

import org.jspecify.annotations.NullMarked;
