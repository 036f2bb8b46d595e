package dev.outdial.engine.store;

/**
 * The first answer to an idempotent create, committed with its campaign.
 *
 * @param keyId the API key that made the create
 * @param idempotencyKey the client's {@code Idempotency-Key}
 * @param campaignId the campaign it created
 * @param fingerprint what identifies the request (for example a SHA-256 of its body): a retry with
 *     another fingerprint is a different request
 * @param answer the answer's bytes, given again to a retry
 */
public record StoredAnswer(
    String keyId, String idempotencyKey, String campaignId, byte[] fingerprint, byte[] answer) {}
