package dev.outdial.engine.store;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.EndedReason;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One recipient of a stored campaign and its latest call, as last committed. Its call id is derived
 * from its campaign's {@link StoredCampaign#callBase()}, its index and its attempt ({@link
 * StoredCampaign#callCounter}).
 *
 * @param phone E.164, with its {@code +}
 * @param variables its variables (empty when none)
 * @param promptOverride its prompt override, or {@code null}
 * @param status {@code queued} (never dialled, or queued again after a call that was not placed),
 *     {@code in_progress} (the intent to dial was committed: it may or may not have been placed) or
 *     {@code ended}
 * @param endedReason why it ended ({@code canceled} with no start for one never dialled)
 * @param startedAt when its call started, or {@code null} if it has none
 * @param endedAt when it ended
 * @param detail what the telephony said of its end, or {@code null}
 * @param reference the provider's reference for its call (Twilio's CallSid), once known
 * @param attempts how many calls it has had, the one in progress included (0: never dialled); its
 *     latest call is attempt {@code attempts}, and a queued recipient's next call is {@code
 *     attempts + 1}
 */
public record StoredRecipient(
    String phone,
    Map<String, String> variables,
    @Nullable String promptOverride,
    CallStatus status,
    @Nullable EndedReason endedReason,
    @Nullable Instant startedAt,
    @Nullable Instant endedAt,
    @Nullable String detail,
    @Nullable String reference,
    int attempts) {

  /** A recipient not yet dialled. */
  public static StoredRecipient queued(
      String phone, Map<String, String> variables, @Nullable String promptOverride) {
    return new StoredRecipient(
        phone, variables, promptOverride, CallStatus.QUEUED, null, null, null, null, null, 0);
  }

  /** This recipient with the intent of its call {@code attempt} committed at {@code at}. */
  public StoredRecipient started(Instant at, int attempt) {
    return new StoredRecipient(
        phone,
        variables,
        promptOverride,
        CallStatus.IN_PROGRESS,
        null,
        at,
        null,
        null,
        null,
        attempt);
  }

  /** This recipient's call in progress with the provider's reference. */
  public StoredRecipient placed(String reference) {
    return new StoredRecipient(
        phone, variables, promptOverride, status, null, startedAt, null, null, reference, attempts);
  }

  /** This recipient queued again: its latest call was not placed, so it is not an attempt. */
  public StoredRecipient requeued() {
    return new StoredRecipient(
        phone,
        variables,
        promptOverride,
        CallStatus.QUEUED,
        null,
        null,
        null,
        null,
        null,
        Math.max(0, attempts - 1));
  }

  /** This recipient queued for its next attempt: its latest call ended and is tried again. */
  public StoredRecipient waitingToRetry() {
    return new StoredRecipient(
        phone,
        variables,
        promptOverride,
        CallStatus.QUEUED,
        null,
        null,
        null,
        null,
        null,
        attempts);
  }

  /** This recipient's call (or, never dialled, the recipient) ended at {@code at}. */
  public StoredRecipient ended(EndedReason reason, Instant at, @Nullable String detail) {
    return new StoredRecipient(
        phone,
        variables,
        promptOverride,
        CallStatus.ENDED,
        reason,
        startedAt,
        at,
        detail,
        reference,
        attempts);
  }
}
