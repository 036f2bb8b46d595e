package dev.outdial.engine.store;

import dev.outdial.engine.CallingWindow;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.InvalidRecipient;
import dev.outdial.engine.LocalHoursPolicy;
import dev.outdial.engine.RetryPolicy;
import dev.outdial.engine.TimezoneSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A campaign as committed: what its create request said once checked, and its state.
 *
 * @param id its id ({@code batchcall_…})
 * @param counter the engine's counter behind its id (ids are never reused)
 * @param keyId the API key that owns it
 * @param callBase the counter of its first recipient's call id; recipient {@code i}'s first call
 *     has counter {@code callBase + i}
 * @param createdAt when it was created
 * @param createdStatus its status in the create's answer ({@code scheduled} or {@code running})
 * @param status its status as last committed; a {@code scheduled} campaign whose {@code firesAt}
 *     has passed is running (firing is not written)
 * @param firesAt when it fires, for a scheduled one
 * @param canceledAt when it was canceled, or {@code null}
 * @param agentId the agent
 * @param prompt the campaign prompt
 * @param name its display name, or {@code null}
 * @param fromNumber the caller number, E.164
 * @param zone its zone
 * @param zoneSource where the zone came from
 * @param window its calling window, or {@code null} when the request set none
 * @param scheduledDate the due date of a {@code schedule} create, or {@code null}
 * @param invalid recipients skipped at create
 * @param duplicateIndexes request indexes of duplicate phones dropped at create
 * @param recipients its recipients in dial order, each with its call
 * @param localHours its recipient-local hours policy ({@code null}: off, as for the seed); the
 *     engine places the recipients in their hours again when it loads the campaign
 * @param expiresAt its latest end ({@code expires_at}), or {@code null} for none: when it has
 *     passed, every recipient still queued is ended {@code expired} ({@link StoreChange.Expired})
 * @param retry its second chances, or {@code null} for one call a recipient; attempt {@code a} of
 *     recipient {@code i} has call counter {@code callBase + (a - 1) * size + i}
 * @param earlierAttempts the calls of its recipients that ended and were tried again (each
 *     recipient's latest call is in {@link #recipients()}), in no particular order; empty without a
 *     retry policy
 */
public record StoredCampaign(
    String id,
    long counter,
    String keyId,
    long callBase,
    Instant createdAt,
    CampaignStatus createdStatus,
    CampaignStatus status,
    @Nullable Instant firesAt,
    @Nullable Instant canceledAt,
    String agentId,
    String prompt,
    @Nullable String name,
    String fromNumber,
    ZoneId zone,
    TimezoneSource zoneSource,
    @Nullable CallingWindow window,
    @Nullable LocalDate scheduledDate,
    List<InvalidRecipient> invalid,
    List<Integer> duplicateIndexes,
    List<StoredRecipient> recipients,
    @Nullable LocalHoursPolicy localHours,
    @Nullable Instant expiresAt,
    @Nullable RetryPolicy retry,
    List<StoredAttempt> earlierAttempts) {

  public StoredCampaign {
    earlierAttempts = List.copyOf(earlierAttempts);
  }

  /** How many call counters it holds: one for each attempt each recipient may get. */
  public long callSpan() {
    return (long) recipients.size() * (retry == null ? 1 : retry.maxAttempts());
  }

  /** The counter of attempt {@code attempt} (from 1) of recipient {@code index}'s call. */
  public long callCounter(int index, int attempt) {
    return callBase + (long) (attempt - 1) * recipients.size() + index;
  }

  /** This campaign with another status and cancel instant. */
  public StoredCampaign withState(CampaignStatus status, @Nullable Instant canceledAt) {
    return new StoredCampaign(
        id,
        counter,
        keyId,
        callBase,
        createdAt,
        createdStatus,
        status,
        firesAt,
        canceledAt,
        agentId,
        prompt,
        name,
        fromNumber,
        zone,
        zoneSource,
        window,
        scheduledDate,
        invalid,
        duplicateIndexes,
        recipients,
        localHours,
        expiresAt,
        retry,
        earlierAttempts);
  }

  /** This campaign with other earlier attempts. */
  public StoredCampaign withEarlierAttempts(List<StoredAttempt> earlierAttempts) {
    return new StoredCampaign(
        id,
        counter,
        keyId,
        callBase,
        createdAt,
        createdStatus,
        status,
        firesAt,
        canceledAt,
        agentId,
        prompt,
        name,
        fromNumber,
        zone,
        zoneSource,
        window,
        scheduledDate,
        invalid,
        duplicateIndexes,
        recipients,
        localHours,
        expiresAt,
        retry,
        earlierAttempts);
  }

  /** This campaign with other recipients. */
  public StoredCampaign withRecipients(List<StoredRecipient> recipients) {
    return new StoredCampaign(
        id,
        counter,
        keyId,
        callBase,
        createdAt,
        createdStatus,
        status,
        firesAt,
        canceledAt,
        agentId,
        prompt,
        name,
        fromNumber,
        zone,
        zoneSource,
        window,
        scheduledDate,
        invalid,
        duplicateIndexes,
        recipients,
        localHours,
        expiresAt,
        retry,
        earlierAttempts);
  }
}
