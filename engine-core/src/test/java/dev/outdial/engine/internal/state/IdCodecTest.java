package dev.outdial.engine.internal.state;

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
  void consecutive_counters_give_unrelated_ids() {
    // A fixed key, so the check is deterministic: with a random one, two ids share their first
    // four hex digits once in 65,536 keys, and an exact answer cannot depend on luck.
    IdCodec codec = new IdCodec("call_", 0x1b1a1918, 0x13121110, 0x0b0a0908, 0x03020100);
    int counters = 10_000;
    long differingBits = 0;
    int minDiffering = 64;
    for (long counter = 0; counter < counters; counter++) {
      int differing = Long.bitCount(codec.encipher(counter) ^ codec.encipher(counter + 1));
      differingBits += differing;
      minDiffering = Math.min(minDiffering, differing);
    }
    // Counters one apart differ in one or a few bits; their ids in about half of 64, as for
    // unrelated random blocks (mean 32, standard deviation 4 per pair, 0.04 over 10,000 pairs).
    double mean = (double) differingBits / counters;
    assertTrue(mean > 31.5 && mean < 32.5, "mean differing bits " + mean);
    assertTrue(minDiffering >= 12, "a pair of ids differs in only " + minDiffering + " bits");
  }

  @Test
  void ids_depend_on_the_key_drawn_from_secure_random() throws Exception {
    IdCodec first = new IdCodec("call_", seeded(1));
    IdCodec again = new IdCodec("call_", seeded(1));
    IdCodec other = new IdCodec("call_", seeded(2));

    assertEquals(first.encode(0), again.encode(0), "same random bytes, same key, same ids");
    assertNotEquals(first.encode(0), other.encode(0));
    assertNotEquals(first.encode(1), other.encode(1));
  }

  /** A SecureRandom whose bytes follow from {@code seed}: SHA1PRNG seeded before first use. */
  private static SecureRandom seeded(long seed) throws Exception {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(seed);
    return random;
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
