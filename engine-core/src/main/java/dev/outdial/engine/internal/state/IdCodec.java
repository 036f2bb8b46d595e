package dev.outdial.engine.internal.state;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Turns a counter into an unguessable id and back: the 64-bit counter enciphered with Speck64/128
 * (Beaulieu et al., "The SIMON and SPECK Families of Lightweight Block Ciphers", 2013) under a key
 * drawn from SecureRandom, written as 16 lowercase hex digits after a prefix. A block cipher is a
 * permutation, so distinct counters give distinct ids (unique within the engine); without the key,
 * one id says nothing about the next. Speck's 64-bit block is exactly the id's size, and its 27
 * add-rotate-xor rounds cost a fraction of the four SipHash-2-4 rounds of the Feistel network this
 * replaced (docs/benchmarks.md).
 */
final class IdCodec {
  private static final int ROUNDS = 27;
  private static final HexFormat HEX = HexFormat.of();

  private final String prefix;
  private final int[] roundKeys = new int[ROUNDS];

  IdCodec(String prefix, SecureRandom random) {
    this(prefix, random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt());
  }

  /**
   * A codec whose key is the 16 bytes of {@code secret} from {@code offset} (a durable engine's).
   */
  IdCodec(String prefix, byte[] secret, int offset) {
    this(
        prefix,
        word(secret, offset),
        word(secret, offset + 4),
        word(secret, offset + 8),
        word(secret, offset + 12));
  }

  private static int word(byte[] bytes, int at) {
    return (bytes[at] & 0xFF) << 24
        | (bytes[at + 1] & 0xFF) << 16
        | (bytes[at + 2] & 0xFF) << 8
        | (bytes[at + 3] & 0xFF);
  }

  /**
   * A codec with a given 128-bit key, in the words the Speck paper writes it as {@code (l2, l1, l0,
   * k0)} (tests).
   */
  IdCodec(String prefix, int l2, int l1, int l0, int k0) {
    this.prefix = prefix;
    int[] l = new int[ROUNDS + 2];
    l[0] = l0;
    l[1] = l1;
    l[2] = l2;
    roundKeys[0] = k0;
    for (int i = 0; i < ROUNDS - 1; i++) {
      l[i + 3] = (roundKeys[i] + Integer.rotateRight(l[i], 8)) ^ i;
      roundKeys[i + 1] = Integer.rotateLeft(roundKeys[i], 3) ^ l[i + 3];
    }
  }

  String encode(long counter) {
    return prefix + HEX.toHexDigits(encipher(counter));
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
    return decipher(value);
  }

  /** Speck64/128 encryption of the block whose high word is x and low word y. */
  long encipher(long block) {
    int x = (int) (block >>> 32);
    int y = (int) block;
    for (int i = 0; i < ROUNDS; i++) {
      x = (Integer.rotateRight(x, 8) + y) ^ roundKeys[i];
      y = Integer.rotateLeft(y, 3) ^ x;
    }
    return ((long) x << 32) | (y & 0xFFFF_FFFFL);
  }

  long decipher(long block) {
    int x = (int) (block >>> 32);
    int y = (int) block;
    for (int i = ROUNDS - 1; i >= 0; i--) {
      y = Integer.rotateRight(y ^ x, 3);
      x = Integer.rotateLeft((x ^ roundKeys[i]) - y, 8);
    }
    return ((long) x << 32) | (y & 0xFFFF_FFFFL);
  }
}
