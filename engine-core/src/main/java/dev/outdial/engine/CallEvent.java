package dev.outdial.engine;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A call started ({@link CallStatus#IN_PROGRESS}) or ended ({@link CallStatus#ENDED}).
 *
 * @param at the engine clock's instant of the change
 * @param keyId the owning key
 * @param campaignId the campaign
 * @param callId the call
 * @param recipientIndex the recipient's position among the campaign's dialled recipients
 * @param phone the recipient, E.164
 * @param status {@code IN_PROGRESS} or {@code ENDED}
 * @param endedReason the reason when ended, else {@code null}
 */
public record CallEvent(
    Instant at,
    String keyId,
    String campaignId,
    String callId,
    int recipientIndex,
    String phone,
    CallStatus status,
    @Nullable EndedReason endedReason) {}
