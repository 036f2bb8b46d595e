package dev.outdial.engine.store;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.EndedReason;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One recipient of a stored campaign and its call, as last committed. Its call id is derived from
 * its campaign's {@link StoredCampaign#callBase()} and its index.
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
    @Nullable String reference) {

  /** A recipient not yet dialled. */
  public static StoredRecipient queued(
      String phone, Map<String, String> variables, @Nullable String promptOverride) {
    return new StoredRecipient(
        phone, variables, promptOverride, CallStatus.QUEUED, null, null, null, null, null);
  }

  /** This recipient with its call's intent committed at {@code at}. */
  public StoredRecipient started(Instant at) {
    return new StoredRecipient(
        phone, variables, promptOverride, CallStatus.IN_PROGRESS, null, at, null, null, null);
  }

  /** This recipient's call in progress with the provider's reference. */
  public StoredRecipient placed(String reference) {
    return new StoredRecipient(
        phone, variables, promptOverride, status, null, startedAt, null, null, reference);
  }

  /** This recipient queued again: its call was not placed. */
  public StoredRecipient requeued() {
    return queued(phone, variables, promptOverride);
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
        reference);
  }
}
