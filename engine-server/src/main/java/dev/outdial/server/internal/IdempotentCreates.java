package dev.outdial.server.internal;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.outdial.engine.CampaignCreated;
import dev.outdial.engine.IdempotentCreate;
import dev.outdial.engine.store.StoredAnswer;
import dev.outdial.server.ApiResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code Idempotency-Key} for creates: per API key, the first successful answer is kept and a retry
 * with the same key and a byte-identical body gets it again, byte for byte, without creating
 * anything. The same key with another body is 409. Concurrent retries of one key wait for the first
 * to finish. Refusals are not kept: they created nothing, so a retry is safe anyway.
 *
 * <p>Answers are kept twice: in a cache (bounded by bytes, for a time) for quick retries, and by a
 * durable engine in its store, committed in the create's own transaction ({@link IdempotentCreate})
 * — so a retry after a restart, or after the cache let the answer go, finds it there as long as the
 * engine keeps its campaign.
 */
final class IdempotentCreates {
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

  private record Scope(String apiKeyId, String idempotencyKey) {}

  /**
   * The first answer under a key, or (no response) the refusal of an attempt that created nothing.
   * {@code fromStore}: read back from the engine's store, so a replay even for the request that
   * read it.
   */
  private record Stored(
      byte[] bodySha256,
      @Nullable ApiResponse response,
      @Nullable RuntimeException refusal,
      boolean fromStore) {}

  /** The first answers a durable engine committed ({@code OutdialEngine::firstAnswer}). */
  interface FirstAnswers {
    Optional<StoredAnswer> find(String apiKeyId, String idempotencyKey);
  }

  /** The answer to a create, from the created campaign's id and the answer's body. */
  interface Created {
    ApiResponse answer(String campaignId, byte[] body);
  }

  private static final int ATTEMPTS = 3;

  /**
   * Futures, so that the create runs outside the cache's lock: only retries of the same key wait
   * for it, never creates under other keys. A refused create is removed and its future completed
   * normally with no response: Caffeine logs every future that fails, stack trace and all, and a
   * client's refused request is not worth a warning.
   */
  private final AsyncCache<Scope, Stored> answers;

  private final FirstAnswers committed;
  private final Created created;
  private final Function<CampaignCreated, byte[]> body;

  /**
   * @param committed where a durable engine kept first answers (consulted when the cache has none)
   * @param created the whole answer from a campaign id and the answer's body
   * @param body the body of a create's answer, made by the engine for its store
   */
  IdempotentCreates(
      Duration ttl,
      long maxBytes,
      FirstAnswers committed,
      Created created,
      Function<CampaignCreated, byte[]> body) {
    this.committed = committed;
    this.created = created;
    this.body = body;
    this.answers =
        Caffeine.newBuilder()
            .expireAfterWrite(ttl)
            .maximumWeight(maxBytes)
            .weigher(
                (Scope s, Stored v) ->
                    256 + (v.response() == null ? 0 : v.response().body().length))
            .buildAsync();
  }

  /**
   * Runs {@code create} once per key: with no {@code Idempotency-Key} it runs with no {@link
   * IdempotentCreate}; with one, only when neither the cache nor the engine's store has the key's
   * first answer, and with the {@link IdempotentCreate} that makes the engine commit that answer.
   */
  ApiResponse create(
      String apiKeyId,
      @Nullable String idempotencyKey,
      byte[] body,
      Function<@Nullable IdempotentCreate, ApiResponse> create) {
    if (idempotencyKey == null) {
      return create.apply(null);
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
          mine.complete(firstAnswer(apiKeyId, idempotencyKey, hash, create));
        } catch (RuntimeException e) {
          answers.asMap().remove(scope, mine);
          mine.complete(new Stored(hash, null, e, false));
          throw e;
        }
      }
      Stored stored = first.join();
      if (stored.response() != null) {
        return answer(
            stored, stored.response(), hash, idempotencyKey, first == mine && !stored.fromStore());
      }
      // The first attempt under this key was refused and is gone: try ours.
      if (attempt == ATTEMPTS) {
        throw Objects.requireNonNull(stored.refusal());
      }
    }
  }

  /** The answer the store kept under this key, else the answer of creating now. */
  private Stored firstAnswer(
      String apiKeyId,
      String idempotencyKey,
      byte[] hash,
      Function<@Nullable IdempotentCreate, ApiResponse> create) {
    Optional<StoredAnswer> kept = committed.find(apiKeyId, idempotencyKey);
    if (kept.isPresent()) {
      StoredAnswer answer = kept.get();
      return new Stored(
          answer.fingerprint(), created.answer(answer.campaignId(), answer.answer()), null, true);
    }
    return new Stored(
        hash, create.apply(new IdempotentCreate(idempotencyKey, hash, body)), null, false);
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
