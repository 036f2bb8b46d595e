package dev.outdial.engine.internal;

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
  private final long k0;
  private final long k1;

  IdCodec(String prefix, SecureRandom random) {
    this(prefix, random.nextLong(), random.nextLong());
  }

  /** A codec with a given 128-bit SipHash key (tests). */
  IdCodec(String prefix, long k0, long k1) {
    this.prefix = prefix;
    this.k0 = k0;
    this.k1 = k1;
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
    long value = 0;
    for (int i = prefix.length(); i < id.length(); i++) {
      char c = id.charAt(i);
      int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (digit < 0) {
        return -1; // only lowercase hex digits are ours
      }
      value = value << 4 | digit;
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
    return (int) sipHash24(k0, k1, ((long) roundIndex << 32) | (half & 0xFFFF_FFFFL));
  }

  /**
   * SipHash-2-4 of one 64-bit little-endian word under the key {@code (k0, k1)}: the same value as
   * Guava's {@code Hashing.sipHash24(k0, k1).hashLong(m).asLong()}, computed in registers (Guava's
   * allocates a hasher, a buffer and a hash code per call, and this runs four times per id).
   */
  static long sipHash24(long k0, long k1, long m) {
    long v0 = 0x736f6d6570736575L ^ k0;
    long v1 = 0x646f72616e646f6dL ^ k1;
    long v2 = 0x6c7967656e657261L ^ k0;
    long v3 = 0x7465646279746573L ^ k1;
    long b = 8L << 56; // the final block: message length 8, no remaining bytes
    for (int step = 0; step < 2; step++) {
      long word = step == 0 ? m : b;
      v3 ^= word;
      for (int r = 0; r < 2; r++) {
        v0 += v1;
        v2 += v3;
        v1 = Long.rotateLeft(v1, 13);
        v3 = Long.rotateLeft(v3, 16);
        v1 ^= v0;
        v3 ^= v2;
        v0 = Long.rotateLeft(v0, 32);
        v2 += v1;
        v0 += v3;
        v1 = Long.rotateLeft(v1, 17);
        v3 = Long.rotateLeft(v3, 21);
        v1 ^= v2;
        v3 ^= v0;
        v2 = Long.rotateLeft(v2, 32);
      }
      v0 ^= word;
    }
    v2 ^= 0xffL;
    for (int r = 0; r < 4; r++) {
      v0 += v1;
      v2 += v3;
      v1 = Long.rotateLeft(v1, 13);
      v3 = Long.rotateLeft(v3, 16);
      v1 ^= v0;
      v3 ^= v2;
      v0 = Long.rotateLeft(v0, 32);
      v2 += v1;
      v0 += v3;
      v1 = Long.rotateLeft(v1, 17);
      v3 = Long.rotateLeft(v3, 21);
      v1 ^= v2;
      v3 ^= v0;
      v2 = Long.rotateLeft(v2, 32);
    }
    return v0 ^ v1 ^ v2 ^ v3;
  }
}
