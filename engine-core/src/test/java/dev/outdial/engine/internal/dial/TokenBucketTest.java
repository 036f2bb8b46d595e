package dev.outdial.engine.internal.dial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.engine.spi.KeyLimits;
import org.junit.jupiter.api.Test;

/** SPEC §5: the token bucket's rate and burst, to the token and to the nanosecond. */
class TokenBucketTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void a_fresh_bucket_allows_exactly_burst_starts_at_once_then_one_per_interval() {
    TokenBucket bucket = new TokenBucket(new KeyLimits(10, 2.0, 3));

    assertEquals(0, bucket.tryTake(0));
    assertEquals(0, bucket.tryTake(0));
    assertEquals(0, bucket.tryTake(0));
    assertEquals(SECOND / 2, bucket.tryTake(0), "fourth waits half a second");
    assertEquals(1, bucket.tryTake(SECOND / 2 - 1));
    assertEquals(0, bucket.tryTake(SECOND / 2));
    assertEquals(SECOND / 2, bucket.tryTake(SECOND / 2));
  }

  @Test
  void an_idle_bucket_refills_to_burst_and_no_further() {
    TokenBucket bucket = new TokenBucket(new KeyLimits(10, 1.0, 2));
    bucket.tryTake(0);
    bucket.tryTake(0);

    long later = 3600 * SECOND;
    assertEquals(0, bucket.tryTake(later));
    assertEquals(0, bucket.tryTake(later));
    assertEquals(SECOND, bucket.tryTake(later));
  }

  @Test
  void fractional_rates_round_the_interval_up_never_going_faster() {
    TokenBucket bucket = new TokenBucket(new KeyLimits(1, 3.0, 1));
    assertEquals(0, bucket.tryTake(0));
    assertEquals(333_333_334L, bucket.tryTake(0));
  }
}
