package dev.outdial.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A campaign as it stands at the moment of the look-up.
 *
 * @param campaignId its id
 * @param name the request's {@code name}, or {@code null}
 * @param status its status
 * @param agentId the agent
 * @param fromNumber the caller number, E.164
 * @param timezone the zone its window runs in
 * @param timezoneSource where the zone came from
 * @param window the calling window, or {@code null} if the request set none (always open)
 * @param createdAt when it was created
 * @param firesAt for scheduled campaigns, the firing instant computed at creation (a campaign
 *     launched earlier keeps it); else {@code null}
 * @param nextWindowOpening for unfinished campaigns whose window is closed now: when it next opens;
 *     {@code null} when open now or finished
 * @param totalCalls one per valid recipient
 * @param callsByStatus how many calls are queued, in progress and ended (every status present); a
 *     recipient counts once, by its latest call: one waiting for its next attempt is queued
 * @param callsByEndedReason ended calls per reason (every reason present); a recipient counts once,
 *     by its final outcome (an attempt that is tried again is not an end)
 * @param dialingSuspended when its key's dialling is suspended because the dialer cannot place
 *     calls (see {@link dev.outdial.engine.spi.CallEndSink#notPlaced}): since when and why; else
 *     null
 * @param expiresAt its latest end ({@code expires_at}), or {@code null} when the request set none
 * @param recipientLocalHours its recipient-local hours policy (its request's, else its key's
 *     default): {@link LocalHoursPolicy#OFF} for the seed's behaviour
 * @param retry its second chances, or {@code null} for one call a recipient
 * @param attempts calls started so far, every attempt of every recipient counted (calls the dialer
 *     could not place not counted)
 */
public record CampaignView(
    String campaignId,
    @Nullable String name,
    CampaignStatus status,
    String agentId,
    String fromNumber,
    ZoneId timezone,
    TimezoneSource timezoneSource,
    @Nullable CallingWindow window,
    Instant createdAt,
    @Nullable Instant firesAt,
    @Nullable Instant nextWindowOpening,
    int totalCalls,
    Map<CallStatus, Integer> callsByStatus,
    Map<EndedReason, Integer> callsByEndedReason,
    @Nullable Suspension dialingSuspended,
    @Nullable Instant expiresAt,
    LocalHoursPolicy recipientLocalHours,
    @Nullable RetryPolicy retry,
    int attempts) {

  /** A key's dialling suspended since {@code since}, for {@code reason} (the dialer's words). */
  public record Suspension(Instant since, String reason) {}

  public CampaignView {
    callsByStatus = ordered(CallStatus.class, callsByStatus);
    callsByEndedReason = ordered(EndedReason.class, callsByEndedReason);
  }

  /** An unmodifiable copy that iterates in the enum's order (queued first, completed first). */
  private static <K extends Enum<K>> Map<K, Integer> ordered(
      Class<K> type, Map<K, Integer> counts) {
    EnumMap<K, Integer> copy = new EnumMap<>(type);
    copy.putAll(counts);
    return Collections.unmodifiableMap(copy);
  }
}
