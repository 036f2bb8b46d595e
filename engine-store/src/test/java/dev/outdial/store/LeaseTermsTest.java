package dev.outdial.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeaseTermsTest {
  @Test
  void the_default_lease_lasts_10_s_is_renewed_every_third_of_it_and_claims_16_keys_at_most() {
    assertEquals(Duration.ofSeconds(10), LeaseTerms.DEFAULT.duration());
    assertEquals(Duration.ofNanos(3_333_333_333L), LeaseTerms.DEFAULT.renewEvery());
    assertEquals(16, LeaseTerms.DEFAULT.claimLimit());
  }

  @Test
  void a_lease_shorter_than_1_ms_is_refused_naming_it() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> new LeaseTerms(Duration.ofNanos(999_999), 1));
    assertEquals("a lease must last at least 1 ms, not PT0.000999999S", refused.getMessage());
  }

  @Test
  void a_claim_limit_below_1_is_refused_naming_it() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> new LeaseTerms(Duration.ofSeconds(1), 0));
    assertEquals("a claim must be allowed at least 1 key, not 0", refused.getMessage());
  }
}
