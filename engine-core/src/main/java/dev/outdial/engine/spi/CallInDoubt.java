package dev.outdial.engine.spi;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A call whose intent was committed before the engine stopped and whose end was not: it may or may
 * not have been placed. See {@link Dialer#reconcile}.
 *
 * @param callId the engine's id of the call
 * @param campaignId its campaign
 * @param keyId the API key that owns the campaign
 * @param from the caller number, E.164
 * @param to the recipient, E.164
 * @param startedAt when the engine committed the intent (the call, if placed, was created at or
 *     after this instant)
 * @param reference the provider's reference, if the dialer reported it ({@link
 *     CallEndSink#callPlaced}) and it was committed
 */
public record CallInDoubt(
    String callId,
    String campaignId,
    String keyId,
    String from,
    String to,
    Instant startedAt,
    @Nullable String reference) {}
