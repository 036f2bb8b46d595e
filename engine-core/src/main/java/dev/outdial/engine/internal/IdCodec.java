package dev.outdial.engine.internal;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Turns a counter into an unguessable id and back: a four-round Feistel permutation of the 64-bit
 * counter keyed by a SecureRandom secret. Being a permutation, distinct counters give distinct ids
 * (unique within the engine); without the secret, one id says nothing about the next.
 */
final class IdCodec {
  private static final int ROUNDS = 4;
  private static final HexFormat HEX = HexFormat.of();

  private final String prefix;
  private final HashFunction round;

  IdCodec(String prefix, SecureRandom random) {
    this.prefix = prefix;
    this.round = Hashing.sipHash24(random.nextLong(), random.nextLong());
  }

  String encode(long counter) {
    int left = (int) (counter >>> 32);
    int right = (int) counter;
    for (int r = 0; r < ROUNDS; r++) {
      int next = left ^ f(r, right);
      left = right;
      right = next;
    }
    return prefix + HEX.toHexDigits(((long) left << 32) | (right & 0xFFFF_FFFFL));
  }

  /** The counter behind {@code id}, or -1 when it is not an id of this codec's form. */
  long decode(String id) {
    if (id.length() != prefix.length() + 16 || !id.startsWith(prefix)) {
      return -1;
    }
    long value;
    try {
      String hex = id.substring(prefix.length());
      if (!hex.equals(hex.toLowerCase(java.util.Locale.ROOT))) {
        return -1;
      }
      value = HexFormat.fromHexDigitsToLong(hex);
    } catch (IllegalArgumentException e) {
      return -1;
    }
    int left = (int) (value >>> 32);
    int right = (int) value;
    for (int r = ROUNDS - 1; r >= 0; r--) {
      int previous = right ^ f(r, left);
      right = left;
      left = previous;
    }
    return ((long) left << 32) | (right & 0xFFFF_FFFFL);
  }

  private int f(int roundIndex, int half) {
    return (int) round.hashLong(((long) roundIndex << 32) | (half & 0xFFFF_FFFFL)).asLong();
  }
}
