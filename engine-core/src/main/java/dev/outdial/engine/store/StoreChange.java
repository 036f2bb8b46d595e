package dev.outdial.engine.store;

import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One change of the engine's state, as the engine commits it. Every change can be applied again
 * with the same result (see {@link CampaignStore}). Recipients are named by their campaign and
 * index (their position in {@link StoredCampaign#recipients()}).
 */
public sealed interface StoreChange {

  /** The engine's id secret, committed once, before anything else, into an empty store. */
  record Secret(byte[] secret) implements StoreChange {}

  /**
   * A campaign was created, with every recipient {@code queued}; with the create's first answer
   * when it was idempotent. Applied again, changes nothing.
   */
  record Created(StoredCampaign campaign, @Nullable StoredAnswer answer) implements StoreChange {}

  /** The campaign's status is now {@code status} (launch, pause, resume, completion). */
  record Status(String campaignId, CampaignStatus status, Instant at) implements StoreChange {}

  /**
   * The campaign was canceled at {@code at}: it is {@code canceled}, and every recipient still
   * {@code queued} is {@code ended} with reason {@code canceled} at {@code at}.
   */
  record Canceled(String campaignId, Instant at) implements StoreChange {}

  /**
   * The campaign's latest end came at {@code at}: every recipient still {@code queued} is {@code
   * ended} with reason {@code expired} at {@code at}, without a start. Its status is unchanged
   * (calls in progress end as they do; a {@link Status} change completes it).
   */
  record Expired(String campaignId, Instant at) implements StoreChange {}

  /**
   * The intent to dial: the recipient's call {@code attempt} (from 1) is {@code in_progress} from
   * {@code at}, and in the attempt log. Committed before the dialer is asked to place the call.
   */
  record CallStarted(String campaignId, int index, int attempt, Instant at) implements StoreChange {

    /** A recipient's first call. */
    public CallStarted(String campaignId, int index, Instant at) {
      this(campaignId, index, 1, at);
    }
  }

  /** The provider's reference for the recipient's call in progress (Twilio's CallSid). */
  record CallPlaced(String campaignId, int index, String reference) implements StoreChange {}

  /**
   * The recipient's call was not placed, and the dialer is certain it was not: the recipient is
   * {@code queued} again (start and reference cleared), and the call leaves the attempt log (it was
   * no attempt). Applied to a recipient not in progress, changes nothing.
   */
  record CallRequeued(String campaignId, int index) implements StoreChange {}

  /**
   * The recipient's call ended, in the recipient and in the attempt log. Applied to a call already
   * ended, changes nothing.
   */
  record CallEnded(
      String campaignId, int index, EndedReason reason, @Nullable String detail, Instant at)
      implements StoreChange {}

  /**
   * The recipient's call ended with {@code reason} and will be tried again (its campaign's {@link
   * dev.outdial.engine.RetryPolicy}): the call's end goes to the attempt log, and the recipient is
   * {@code queued} for its next attempt, its attempt count kept. Applied to a recipient not in
   * progress, changes nothing.
   */
  record CallEndedForRetry(
      String campaignId, int index, EndedReason reason, @Nullable String detail, Instant at)
      implements StoreChange {}

  /**
   * Calls that started before {@code before}, of campaigns no longer kept, leave the attempt log:
   * no attempt cap counts them any more.
   */
  record AttemptsForgotten(Instant before) implements StoreChange {}

  /**
   * The campaign finished at {@code at} (completed or canceled, no call in progress): from now on
   * it is read with {@link CampaignStore#campaign}, and its retention counts from {@code at}.
   */
  record Finished(String campaignId, Instant at) implements StoreChange {}

  /**
   * The campaign's retention ended: it, its recipients and its idempotent answer are deleted. Its
   * counters stay used, and its calls stay in the attempt log (see {@link AttemptsForgotten}).
   */
  record Dropped(String campaignId) implements StoreChange {}
}
