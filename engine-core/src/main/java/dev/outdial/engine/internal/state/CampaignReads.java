package dev.outdial.engine.internal.state;

import dev.outdial.engine.CallPage;
import dev.outdial.engine.CallView;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.internal.check.Rejections;
import dev.outdial.engine.internal.store.Journal;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.store.StoreException;
import dev.outdial.engine.store.StoredCampaign;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The read side of the engine's campaigns: finds a key's campaign or call, live in memory or, once
 * finished in a durable engine, read back from its store, and answers views of them. It changes no
 * campaign; called on the owner thread only, as {@link EngineCore} is.
 */
final class CampaignReads {
  private final Campaigns campaigns;
  private final IdCodec campaignIds;
  private final CallIds callIds;
  private final Journal journal;
  private final Map<String, KeyState> keys;
  private final KeyLimits defaultLimits;

  CampaignReads(
      Campaigns campaigns,
      IdCodec campaignIds,
      CallIds callIds,
      Journal journal,
      Map<String, KeyState> keys,
      KeyLimits defaultLimits) {
    this.campaigns = campaigns;
    this.campaignIds = campaignIds;
    this.callIds = callIds;
    this.journal = journal;
    this.keys = keys;
    this.defaultLimits = defaultLimits;
  }

  /**
   * Every campaign not yet completed or canceled, of every key, in creation order: in O(open
   * campaigns), however many were created.
   */
  List<CampaignView> openCampaigns(Instant now) {
    campaigns.dropDue(now);
    List<CampaignView> open = new ArrayList<>();
    for (CampaignState campaign : campaigns.open()) {
      open.add(Views.campaign(campaign, now));
    }
    return open;
  }

  /** The campaign as it stands at {@code now}. */
  CampaignView campaign(String keyId, String campaignId, Instant now) {
    return Views.campaign(find(keyId, campaignId, now), now);
  }

  /** A page of the campaign's calls in dial order. */
  CallPage calls(String keyId, String campaignId, int offset, int limit, Instant now) {
    return Views.calls(find(keyId, campaignId, now), callIds, offset, limit);
  }

  /** One call by id, if it belongs to the key. */
  CallView call(String keyId, String callId, Instant now) {
    campaigns.dropDue(now);
    CallIds.Located located = callIds.locate(callId);
    if (located == null) {
      long counter = callIds.counterOf(callId);
      if (counter >= 0 && campaigns.byCallCounter(counter) instanceof FinishedCampaign finished) {
        CampaignState campaign = fromStore(finished, now);
        located = CallIds.Located.of(campaign, counter - finished.callBase());
      }
    }
    CallView call =
        located == null || !located.campaign().keyId().equals(keyId)
            ? null
            : Views.call(located.campaign(), callIds, located.index(), located.attempt());
    if (call == null) {
      throw Rejections.notFound("call", callId);
    }
    return call;
  }

  /** The key's campaign, as it stands at {@code now}: not found once dropped after retention. */
  CampaignState find(String keyId, String campaignId, Instant now) {
    campaigns.dropDue(now);
    Object held = campaigns.get(campaignIds.decode(campaignId));
    CampaignState campaign =
        held instanceof FinishedCampaign finished && finished.keyId().equals(keyId)
            ? fromStore(finished, now)
            : held instanceof CampaignState live ? live : null;
    if (campaign == null || !campaign.keyId().equals(keyId)) {
      throw Rejections.notFound("campaign", campaignId);
    }
    return campaign;
  }

  /**
   * A finished campaign of a durable engine, read from its store after every change made so far is
   * committed there: for reading only, it is not held.
   */
  private CampaignState fromStore(FinishedCampaign finished, Instant now) {
    journal.commit(now);
    StoredCampaign stored =
        journal
            .store()
            .campaign(finished.id())
            .orElseThrow(
                () ->
                    new StoreException(
                        "campaign " + finished.id() + " is finished but not in the store"));
    KeyState key = keys.get(finished.keyId());
    return Restore.readOnly(
        stored, key != null ? key : new KeyState(finished.keyId(), defaultLimits));
  }
}
