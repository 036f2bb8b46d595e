package dev.outdial.engine;

import java.util.Objects;
import java.util.function.Function;

/**
 * Makes a create idempotent across restarts: a durable engine commits the create's first answer
 * with its campaign, in one transaction, and {@link OutdialEngine#firstAnswer} gives it back to a
 * retry. An in-memory engine ignores it.
 *
 * @param idempotencyKey the client's key, unique per API key
 * @param fingerprint what identifies the request (for example a SHA-256 of its body), so that a
 *     retry with the same key and another request can be told apart
 * @param answer makes the bytes of the answer from what was created (run on the engine's thread,
 *     before the commit: keep it quick and pure)
 */
public record IdempotentCreate(
    String idempotencyKey, byte[] fingerprint, Function<CampaignCreated, byte[]> answer) {

  public IdempotentCreate {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(answer, "answer");
  }
}
