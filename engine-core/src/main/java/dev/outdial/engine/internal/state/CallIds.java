package dev.outdial.engine.internal.state;

import java.util.HashMap;
import org.jspecify.annotations.Nullable;

/**
 * Call ids and their reverse look-up. Each campaign reserves a block of call counters at creation,
 * so a call's id is derived, not stored, and an id leads back to its campaign and recipient in
 * O(log campaigns) through the {@link CampaignTable}. Calls in progress are also kept in a hash map
 * by id, so that an end report (the hot path: one per call) is found without deciphering the id;
 * the map holds only calls in progress, so it stays as small as the keys' concurrency.
 */
final class CallIds {
  private final IdCodec codec;

  /** Every campaign the engine holds, in creation order, which is also the order of bases. */
  private final CampaignTable campaigns;

  private final HashMap<String, Located> inProgress = new HashMap<>();
  private long nextBase;

  CallIds(IdCodec codec, CampaignTable campaigns) {
    this.codec = codec;
    this.campaigns = campaigns;
  }

  /** Resumes counting at {@code next} (a durable engine's start: no id is ever made twice). */
  void resumeAt(long next) {
    nextBase = next;
  }

  /** The counter behind a call id, or -1 if it is not one of ours. */
  long counterOf(String callId) {
    return codec.decode(callId);
  }

  long reserve(int calls) {
    long base = nextBase;
    nextBase += calls;
    return base;
  }

  String of(CampaignState campaign, int index) {
    return codec.encode(campaign.callBase + index);
  }

  /** Notes that {@code callId}, recipient {@code index} of {@code campaign}, is in progress. */
  void started(String callId, CampaignState campaign, int index) {
    inProgress.put(callId, new Located(campaign, index));
  }

  /** Notes that {@code callId} is no longer in progress. */
  void ended(String callId) {
    inProgress.remove(callId);
  }

  /** The campaign and index of {@code callId}, or null if no such call exists. */
  @Nullable Located locate(String callId) {
    Located live = inProgress.get(callId);
    if (live != null) {
      return live;
    }
    long counter = codec.decode(callId);
    if (counter < 0) {
      return null;
    }
    return campaigns.byCallCounter(counter) instanceof CampaignState campaign
        ? new Located(campaign, (int) (counter - campaign.callBase))
        : null;
  }

  record Located(CampaignState campaign, int index) {}
}
