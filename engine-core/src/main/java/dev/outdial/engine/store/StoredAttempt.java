package dev.outdial.engine.store;

import dev.outdial.engine.EndedReason;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One call in the attempt log: every call the engine committed the intent of, whether its
 * recipient's latest or an earlier attempt that was tried again. Per-number attempt caps count
 * these across a key's campaigns; a campaign's calls list shows its earlier attempts from them.
 *
 * @param keyId the API key whose campaign made it
 * @param phone the number called, E.164 with its {@code +}
 * @param campaignId its campaign
 * @param index its recipient's index in the campaign
 * @param attempt which call to that recipient it was, from 1
 * @param startedAt when its intent was committed
 * @param endedAt when it ended, or {@code null} while in progress
 * @param endedReason why it ended, or {@code null} while in progress
 * @param detail what the telephony said of its end, or {@code null}
 */
public record StoredAttempt(
    String keyId,
    String phone,
    String campaignId,
    int index,
    int attempt,
    Instant startedAt,
    @Nullable Instant endedAt,
    @Nullable EndedReason endedReason,
    @Nullable String detail) {}
