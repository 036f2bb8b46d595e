package dev.outdial.twilio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.twilio.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Back-off: exponential with jitter between half and all, capped, and Retry-After honoured. */
class BackoffTest {
  private static final RetryPolicy POLICY =
      new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(30));

  @Test
  void the_wait_doubles_from_the_base_between_half_and_all_of_it() {
    Backoff low = new Backoff(POLICY, () -> 0.0);
    Backoff high = new Backoff(POLICY, () -> 1.0);
    assertEquals(Duration.ofMillis(500), low.delay(1, null));
    assertEquals(Duration.ofSeconds(1), high.delay(1, null));
    assertEquals(Duration.ofSeconds(2), low.delay(3, null));
    assertEquals(Duration.ofSeconds(4), high.delay(3, null));
  }

  @Test
  void the_wait_never_exceeds_the_maximum_back_off() {
    Backoff high = new Backoff(POLICY, () -> 1.0);
    assertEquals(Duration.ofSeconds(30), high.delay(6, null));
    assertEquals(Duration.ofSeconds(30), high.delay(1_000, null));
  }

  @Test
  void a_longer_retry_after_wins_up_to_ten_minutes_and_a_shorter_one_is_ignored() {
    Backoff low = new Backoff(POLICY, () -> 0.0);
    assertEquals(Duration.ofSeconds(45), low.delay(1, Duration.ofSeconds(45)));
    assertEquals(Duration.ofMinutes(10), low.delay(1, Duration.ofHours(1)));
    assertEquals(Duration.ofMillis(500), low.delay(1, Duration.ZERO));
  }
}
