package dev.outdial.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void the_cipher_is_speck_64_128_as_its_paper_gives_it() {
    // Test vector of Speck64/128 from Beaulieu et al. 2013, appendix C.
    IdCodec speck = new IdCodec("call_", 0x1b1a1918, 0x13121110, 0x0b0a0908, 0x03020100);

    assertEquals(0x8c6fa548_454e028bL, speck.encipher(0x3b726574_7475432dL));
    assertEquals(0x3b726574_7475432dL, speck.decipher(0x8c6fa548_454e028bL));
    assertEquals("call_8c6fa548454e028b", speck.encode(0x3b726574_7475432dL));
    assertEquals(0x3b726574_7475432dL, speck.decode("call_8c6fa548454e028b"));
  }

  @Test
  void every_64_bit_block_comes_back_from_the_cipher() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      long block = random.nextLong();
      assertEquals(block, calls.decipher(calls.encipher(block)));
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
