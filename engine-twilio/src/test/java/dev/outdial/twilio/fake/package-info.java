/**
 * A fake Twilio for tests, shipped in engine-twilio's test-jar: {@link
 * dev.outdial.twilio.fake.FakeTwilio}, a real HTTP server on loopback that speaks the parts of the
 * Voice API the dialer uses and posts signed callbacks on demand, and {@link
 * dev.outdial.twilio.fake.ManualScheduler}, which runs the dialer's delayed work when a test says.
 */
@NullMarked
package dev.outdial.twilio.fake;

import org.jspecify.annotations.NullMarked;
