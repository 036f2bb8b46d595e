package dev.outdial.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The API keys the server accepts, held as SHA-256 hashes of their secrets only.
 *
 * <p>{@link #authenticate} takes an {@code Authorization} header value, {@code Bearer
 * KEY_ID:KEY_SECRET}, and answers the key id when the secret's hash matches, compared in constant
 * time. It does not say what was wrong: a missing header, another scheme, an unknown key id and a
 * wrong secret are all just empty, and an unknown key id costs the same hash and comparison as a
 * known one. Secrets are 256 random bits, so a plain SHA-256 (not a slow password hash) is enough
 * to make a stolen key file useless.
 */
public final class ApiKeys {
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final byte[] NO_SUCH_KEY = new byte[32];
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * One accepted key.
   *
   * @param keyId the public part, {@code KEY_ID}: letters, digits, {@code _ . -}, at most 64
   * @param secretSha256 lowercase hex SHA-256 of the UTF-8 secret
   */
  public record StoredKey(String keyId, String secretSha256) {
    public StoredKey {
      if (!KEY_ID.matcher(keyId).matches()) {
        throw new IllegalArgumentException(
            "key id '" + keyId + "' must be 1-64 letters, digits, '_', '.' or '-'");
      }
      secretSha256 = secretSha256.toLowerCase(Locale.ROOT);
      if (!HASH.matcher(secretSha256).matches()) {
        throw new IllegalArgumentException(
            "secret_sha256 of key '" + keyId + "' must be 64 hex digits (a SHA-256)");
      }
    }
  }

  /**
   * A key made by {@link #generate()}: the secret exists only here; store {@link #stored()}.
   *
   * @param keyId the key id
   * @param secret the secret, to be shown once
   * @param stored what to keep
   */
  public record GeneratedKey(String keyId, String secret, StoredKey stored) {
    /** The bearer token, {@code KEY_ID:KEY_SECRET}. */
    public String token() {
      return keyId + ":" + secret;
    }

    @Override
    public String toString() {
      return "GeneratedKey[keyId=" + keyId + ", secret=<hidden>]";
    }
  }

  private final Map<String, byte[]> hashes;

  /** A second secret per key id, for requests a cluster node passes on within itself. */
  private final Map<String, byte[]> internal;

  private ApiKeys(Map<String, byte[]> hashes) {
    this(hashes, Map.of());
  }

  private ApiKeys(Map<String, byte[]> hashes, Map<String, byte[]> internal) {
    this.hashes = hashes;
    this.internal = internal;
  }

  /** The given keys; a key id given twice is an error. */
  public static ApiKeys of(Collection<StoredKey> keys) {
    Map<String, byte[]> hashes = new LinkedHashMap<>();
    for (StoredKey key : keys) {
      if (hashes.put(key.keyId(), HexFormat.of().parseHex(key.secretSha256())) != null) {
        throw new IllegalArgumentException("key id '" + key.keyId() + "' is configured twice");
      }
    }
    return new ApiKeys(Map.copyOf(hashes));
  }

  /** A new key: {@code key_} + 16 hex digits, and a 256-bit random secret (base64url). */
  public static GeneratedKey generate() {
    byte[] id = new byte[8];
    byte[] secret = new byte[32];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(secret);
    String keyId = "key_" + HexFormat.of().formatHex(id);
    String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    return new GeneratedKey(keyId, secretText, new StoredKey(keyId, sha256Hex(secretText)));
  }

  /** Lowercase hex SHA-256 of the UTF-8 text: what a key file stores for a secret. */
  public static String sha256Hex(String secret) {
    return HexFormat.of().formatHex(sha256(secret));
  }

  /**
   * These keys, with {@code secret} accepted for {@code keyId} as well: a cluster node runs a
   * request passed on to it for that key with this secret, drawn by the node and never sent
   * anywhere, so that the client's own secret is not passed through the database.
   *
   * @throws IllegalArgumentException if {@code keyId} is not one of these keys
   */
  public ApiKeys alsoAccepting(String keyId, String secret) {
    if (!hashes.containsKey(keyId)) {
      throw new IllegalArgumentException("key id '" + keyId + "' is not configured");
    }
    Map<String, byte[]> more = new LinkedHashMap<>(internal);
    more.put(keyId, sha256(secret));
    return new ApiKeys(hashes, Map.copyOf(more));
  }

  /** The key ids accepted. */
  public Set<String> keyIds() {
    return hashes.keySet();
  }

  /** The key id of a valid {@code Bearer KEY_ID:KEY_SECRET} header value, else empty. */
  public Optional<String> authenticate(@Nullable String authorization) {
    if (authorization == null || authorization.length() > 512) {
      return Optional.empty();
    }
    String value = authorization.strip();
    if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = value.substring(7).strip();
    int colon = token.indexOf(':');
    if (colon <= 0 || colon == token.length() - 1) {
      return Optional.empty();
    }
    String keyId = token.substring(0, colon);
    byte[] expected = hashes.getOrDefault(keyId, NO_SUCH_KEY);
    byte[] given = sha256(token.substring(colon + 1));
    boolean matches = MessageDigest.isEqual(expected, given);
    byte[] second = internal.get(keyId);
    matches |= second != null && MessageDigest.isEqual(second, given);
    return matches && expected != NO_SUCH_KEY ? Optional.of(keyId) : Optional.empty();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
