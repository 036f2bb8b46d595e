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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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
        spec.localHours() == null ? LocalHoursPolicy.OFF : spec.localHours());
  }

  static CallPage calls(CampaignState campaign, CallIds callIds, int offset, int limit) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException(
          "offset and limit must not be negative, were " + offset + " and " + limit);
    }
    int from = Math.min(offset, campaign.size());
    int to = (int) Math.min((long) from + limit, campaign.size());
    List<CallView> page = new ArrayList<>(to - from);
    for (int index = from; index < to; index++) {
      page.add(call(campaign, callIds, index));
    }
    return new CallPage(page, from, campaign.size());
  }

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
        campaign.detail(index));
  }
}
