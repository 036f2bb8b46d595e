package dev.outdial.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.hash.Hashing;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** SPEC §7: ids have the seed's form, are unique, unguessable, and lead back to their counter. */
class IdCodecTest {
  private final IdCodec calls = new IdCodec("call_", new SecureRandom());

  @Test
  void ids_are_prefix_and_16_lowercase_hex_digits_unique_and_decodable() {
    Set<String> seen = new HashSet<>();
    for (long counter = 0; counter < 100_000; counter++) {
      String id = calls.encode(counter);
      assertTrue(id.matches("call_[0-9a-f]{16}"), id);
      assertTrue(seen.add(id), "repeated id " + id);
      assertEquals(counter, calls.decode(id));
    }
  }

  @Test
  void consecutive_counters_give_unrelated_ids_and_two_engines_differ() {
    IdCodec other = new IdCodec("call_", new SecureRandom());
    String first = calls.encode(0);
    String second = calls.encode(1);
    int sharedPrefix = 0;
    while (first.charAt(sharedPrefix) == second.charAt(sharedPrefix)) {
      sharedPrefix++;
    }
    assertTrue(sharedPrefix < "call_".length() + 4, first + " vs " + second);
    assertNotEquals(calls.encode(0), other.encode(0));
  }

  @Test
  void the_round_function_is_sip_hash_2_4() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 1_000; i++) {
      long k0 = random.nextLong();
      long k1 = random.nextLong();
      long m = random.nextLong();
      assertEquals(Hashing.sipHash24(k0, k1).hashLong(m).asLong(), IdCodec.sipHash24(k0, k1, m));
    }
  }

  @Test
  void foreign_or_malformed_ids_decode_to_nothing() {
    assertEquals(-1, calls.decode("batchcall_0123456789abcdef"));
    assertEquals(-1, calls.decode("call_0123"));
    assertEquals(-1, calls.decode("call_0123456789ABCDEF"));
    assertEquals(-1, calls.decode("call_0123456789abcdeg"));
  }
}
