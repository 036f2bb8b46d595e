package dev.outdial.twilio.pacing;

import static dev.outdial.twilio.support.TwilioRig.phone;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.twilio.fake.FakeCall;
import dev.outdial.twilio.support.CreateTimes;
import dev.outdial.twilio.support.TwilioRig;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 7: the account's calls-per-second caps the creates of all keys dialling through it
 * together, beside each key's own bucket. Judged at the fake Twilio, by its (the test's) clock.
 */
class AccountRateTest {

  @Test
  void two_keys_on_one_account_stay_under_the_accounts_rate_together() {
    KeyLimits eachKey = new KeyLimits(10, 2.0, 2);
    try (TwilioRig rig = TwilioRig.start(eachKey, b -> b.callsPerSecond(2).accountBurst(2))) {
      rig.campaign("key_a", 0, 6);
      rig.campaign("key_b", 100, 6);

      rig.runFor(Duration.ofSeconds(10), Duration.ofMillis(100));

      Set<String> called =
          rig.twilio.calls().stream().map(FakeCall::to).collect(Collectors.toSet());
      Set<String> expected =
          IntStream.concat(IntStream.range(0, 6), IntStream.range(100, 106))
              .mapToObj(i -> phone(i))
              .collect(Collectors.toSet());
      assertEquals(expected, called, "every recipient of both keys is called");
      assertEquals(12, rig.twilio.createRequests().size(), "each once");
      CreateTimes.assertWithinRate(rig.twilio, 2, 2.0);
    }
  }

  @Test
  void one_key_faster_than_its_account_is_held_to_the_accounts_rate() {
    KeyLimits fastKey = new KeyLimits(10, 10.0, 10);
    try (TwilioRig rig = TwilioRig.start(fastKey, b -> b.callsPerSecond(1).accountBurst(1))) {
      rig.campaign(5);

      rig.runFor(Duration.ofSeconds(6), Duration.ofMillis(100));

      assertEquals(5, rig.twilio.calls().size());
      CreateTimes.assertWithinRate(rig.twilio, 1, 1.0);
    }
  }
}
