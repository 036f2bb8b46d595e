package dev.outdial.twilio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreatePacerTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-06-10T12:00:00Z"));

  @Test
  void a_key_spends_its_burst_then_books_one_create_per_interval_in_order() {
    CreatePacer pacer = new CreatePacer(clock, 1000, 1000, key -> new KeyLimits(10, 2.0, 2));

    assertEquals(Duration.ZERO, pacer.book("key_a"));
    assertEquals(Duration.ZERO, pacer.book("key_a"));
    assertEquals(Duration.ofMillis(500), pacer.book("key_a"));
    assertEquals(Duration.ofMillis(1000), pacer.book("key_a"));
    clock.advance(Duration.ofMillis(1000));
    assertEquals(Duration.ofMillis(500), pacer.book("key_a"), "booked after the earlier ones");
  }

  @Test
  void keys_have_their_own_buckets_and_share_the_accounts() {
    Map<String, KeyLimits> limits =
        Map.of("key_a", new KeyLimits(10, 1.0, 1), "key_b", new KeyLimits(10, 1.0, 1));
    CreatePacer pacer = new CreatePacer(clock, 4.0, 1, limits::get);

    assertEquals(Duration.ZERO, pacer.book("key_a"));
    assertEquals(Duration.ofMillis(250), pacer.book("key_b"), "the account's next token");
    assertEquals(Duration.ofSeconds(1), pacer.book("key_a"), "key_a's next token");
  }

  @Test
  void without_key_limits_only_the_account_paces() {
    CreatePacer pacer = new CreatePacer(clock, 1.0, 2, null);

    assertEquals(Duration.ZERO, pacer.book("key_a"));
    assertEquals(Duration.ZERO, pacer.book("key_b"));
    assertEquals(Duration.ofSeconds(1), pacer.book("key_c"));
  }
}
