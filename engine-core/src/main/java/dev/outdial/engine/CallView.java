package dev.outdial.engine;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One call as it stands at the moment of the look-up.
 *
 * @param callId {@code call_} + 16 lowercase hex digits
 * @param campaignId its campaign
 * @param recipientIndex position among the campaign's valid recipients (dial order)
 * @param phone the recipient, E.164
 * @param status queued, in progress or ended
 * @param endedReason set when ended
 * @param startedAt when it was handed to the dialer, or {@code null}
 * @param endedAt when it ended, or {@code null}
 * @param detail what the dialer reported with the end (e.g. a provider error), or {@code null}
 * @param attempt which call to its recipient this is: 1 for the first; more only in a campaign with
 *     a {@link RetryPolicy}, where every attempt is a call of its own
 */
public record CallView(
    String callId,
    String campaignId,
    int recipientIndex,
    String phone,
    CallStatus status,
    @Nullable EndedReason endedReason,
    @Nullable Instant startedAt,
    @Nullable Instant endedAt,
    @Nullable String detail,
    int attempt) {}
