package dev.outdial.engine.internal.state;

import dev.outdial.engine.CallPage;
import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallView;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.LocalHoursPolicy;
import dev.outdial.engine.internal.check.CampaignSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Immutable snapshots of campaigns and calls, taken on the owner thread. */
final class Views {
  private Views() {}

  static CampaignView campaign(CampaignState campaign, Instant now) {
    CampaignSpec spec = campaign.spec;
    Map<CallStatus, Integer> byStatus = new EnumMap<>(CallStatus.class);
    int queued = campaign.canceledAt == null ? campaign.queued() : 0;
    byStatus.put(CallStatus.QUEUED, queued);
    byStatus.put(CallStatus.IN_PROGRESS, campaign.inFlight);
    byStatus.put(CallStatus.ENDED, campaign.ended);
    Map<EndedReason, Integer> byReason = new EnumMap<>(EndedReason.class);
    for (EndedReason reason : EndedReason.values()) {
      byReason.put(reason, campaign.endedBy(reason));
    }
    Instant nextOpening =
        campaign.status().isFinal() || campaign.window.isOpen(now)
            ? null
            : campaign.window.nextOpening(now);
    return new CampaignView(
        campaign.id,
        spec.name(),
        campaign.status(),
        spec.agentId(),
        spec.fromNumber(),
        spec.zone(),
        spec.zoneSource(),
        spec.window() == null ? null : campaign.window,
        campaign.createdAt(),
        campaign.firesAt,
        nextOpening,
        campaign.size(),
        byStatus,
        byReason,
        campaign.key.suspendedSince == null
            ? null
            : new CampaignView.Suspension(campaign.key.suspendedSince, campaign.key.suspendedFor),
        spec.expiresAt(),
        spec.localHours() == null ? LocalHoursPolicy.OFF : spec.localHours(),
        spec.retry(),
        campaign.attemptsMade());
  }

  /**
   * A page of the campaign's calls: in dial order, one a recipient, except that a recipient of a
   * retrying campaign has a row for each attempt, its earlier attempts first.
   */
  static CallPage calls(CampaignState campaign, CallIds callIds, int offset, int limit) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException(
          "offset and limit must not be negative, were " + offset + " and " + limit);
    }
    List<CampaignState.EarlierAttempt> earlier = campaign.earlierAttempts();
    if (earlier.isEmpty()) {
      int from = Math.min(offset, campaign.size());
      int to = (int) Math.min((long) from + limit, campaign.size());
      List<CallView> page = new ArrayList<>(to - from);
      for (int index = from; index < to; index++) {
        page.add(call(campaign, callIds, index));
      }
      return new CallPage(page, from, campaign.size());
    }
    Map<Integer, List<CampaignState.EarlierAttempt>> byRecipient = new HashMap<>();
    for (CampaignState.EarlierAttempt attempt : earlier) {
      byRecipient.computeIfAbsent(attempt.index(), i -> new ArrayList<>()).add(attempt);
    }
    byRecipient
        .values()
        .forEach(list -> list.sort(Comparator.comparingInt(CampaignState.EarlierAttempt::attempt)));
    int total = campaign.size() + earlier.size();
    int from = Math.min(offset, total);
    List<CallView> page = new ArrayList<>(Math.min(limit, total - from));
    int row = 0;
    for (int index = 0; index < campaign.size() && page.size() < limit; index++) {
      List<CampaignState.EarlierAttempt> before = byRecipient.getOrDefault(index, List.of());
      if (row + before.size() + 1 <= from) {
        row += before.size() + 1; // the whole recipient is before the page
        continue;
      }
      for (CampaignState.EarlierAttempt attempt : before) {
        if (row++ >= from && page.size() < limit) {
          page.add(earlier(campaign, callIds, attempt));
        }
      }
      if (row++ >= from && page.size() < limit) {
        page.add(call(campaign, callIds, index));
      }
    }
    return new CallPage(page, from, total);
  }

  /** The recipient's latest call (or its next one while it is queued). */
  static CallView call(CampaignState campaign, CallIds callIds, int index) {
    return new CallView(
        callIds.of(campaign, index),
        campaign.id,
        index,
        campaign.phone(index),
        campaign.callStatus(index),
        campaign.endedReason(index),
        campaign.startedAt(index),
        campaign.endedAt(index),
        campaign.detail(index),
        campaign.attempt(index));
  }

  /**
   * Attempt {@code attempt} to the recipient: its latest call (or next one), or an earlier attempt;
   * null for an attempt it has not had (its id is reserved, not used).
   */
  static @Nullable CallView call(CampaignState campaign, CallIds callIds, int index, int attempt) {
    if (attempt == campaign.attempt(index)) {
      return call(campaign, callIds, index);
    }
    for (CampaignState.EarlierAttempt earlier : campaign.earlierAttempts()) {
      if (earlier.index() == index && earlier.attempt() == attempt) {
        return earlier(campaign, callIds, earlier);
      }
    }
    return null;
  }

  private static CallView earlier(
      CampaignState campaign, CallIds callIds, CampaignState.EarlierAttempt attempt) {
    return new CallView(
        callIds.of(campaign, attempt.index(), attempt.attempt()),
        campaign.id,
        attempt.index(),
        campaign.phone(attempt.index()),
        CallStatus.ENDED,
        attempt.reason(),
        Instant.ofEpochMilli(attempt.startedAtMillis()),
        Instant.ofEpochMilli(attempt.endedAtMillis()),
        attempt.detail(),
        attempt.attempt());
  }
}
