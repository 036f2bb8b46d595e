package dev.outdial.server.internal;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.outdial.server.ApiResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code Idempotency-Key} for creates: per API key, the first successful answer is kept (bounded by
 * bytes, for a time) and a retry with the same key and a byte-identical body gets it again without
 * creating anything. The same key with another body is 409. Concurrent retries of one key wait for
 * the first to finish. Refusals are not kept: they created nothing, so a retry is safe anyway.
 */
final class IdempotentCreates {
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

  private record Scope(String apiKeyId, String idempotencyKey) {}

  /**
   * The first answer under a key, or (no response) the refusal of an attempt that created nothing.
   */
  private record Stored(
      byte[] bodySha256, @Nullable ApiResponse response, @Nullable RuntimeException refusal) {}

  private static final int ATTEMPTS = 3;

  /**
   * Futures, so that the create runs outside the cache's lock: only retries of the same key wait
   * for it, never creates under other keys. A refused create is removed and its future completed
   * normally with no response: Caffeine logs every future that fails, stack trace and all, and a
   * client's refused request is not worth a warning.
   */
  private final AsyncCache<Scope, Stored> answers;

  IdempotentCreates(Duration ttl, long maxBytes) {
    this.answers =
        Caffeine.newBuilder()
            .expireAfterWrite(ttl)
            .maximumWeight(maxBytes)
            .weigher(
                (Scope s, Stored v) ->
                    256 + (v.response() == null ? 0 : v.response().body().length))
            .buildAsync();
  }

  ApiResponse create(
      String apiKeyId, @Nullable String idempotencyKey, byte[] body, Supplier<ApiResponse> create) {
    if (idempotencyKey == null) {
      return create.get();
    }
    if (!KEY.matcher(idempotencyKey).matches()) {
      throw new ApiError(
          400,
          "invalid_field",
          "Idempotency-Key must be 1 to 255 visible ASCII characters without spaces");
    }
    byte[] hash = sha256(body);
    Scope scope = new Scope(apiKeyId, idempotencyKey);
    for (int attempt = 1; ; attempt++) {
      CompletableFuture<Stored> mine = new CompletableFuture<>();
      CompletableFuture<Stored> first = answers.get(scope, (k, executor) -> mine);
      if (first == mine) {
        try {
          mine.complete(new Stored(hash, create.get(), null));
        } catch (RuntimeException e) {
          answers.asMap().remove(scope, mine);
          mine.complete(new Stored(hash, null, e));
          throw e;
        }
      }
      Stored stored = first.join();
      if (stored.response() != null) {
        return answer(stored, stored.response(), hash, idempotencyKey, first == mine);
      }
      // The first attempt under this key was refused and is gone: try ours.
      if (attempt == ATTEMPTS) {
        throw Objects.requireNonNull(stored.refusal());
      }
    }
  }

  private static ApiResponse answer(
      Stored stored, ApiResponse response, byte[] hash, String idempotencyKey, boolean ranHere) {
    if (!MessageDigest.isEqual(stored.bodySha256(), hash)) {
      throw new ApiError(
          409,
          "idempotency_key_reused",
          "Idempotency-Key '"
              + Quoted.cut(idempotencyKey)
              + "' was already used with a different request body; use a new key");
    }
    if (ranHere) {
      return response;
    }
    Map<String, String> headers = new HashMap<>(response.headers());
    headers.put("Idempotent-Replayed", "true");
    return new ApiResponse(response.status(), headers, response.body());
  }

  private static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
