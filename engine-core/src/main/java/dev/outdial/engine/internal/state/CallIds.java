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

  long reserve(long calls) {
    long base = nextBase;
    nextBase += calls;
    return base;
  }

  /** The id of the recipient's latest call, or of its next one while it is queued. */
  String of(CampaignState campaign, int index) {
    return of(campaign, index, campaign.attempt(index));
  }

  /**
   * The id of attempt {@code attempt} (from 1) to the recipient: each attempt has a counter of its
   * own in the campaign's block, the first attempts first.
   */
  String of(CampaignState campaign, int index, int attempt) {
    return codec.encode(campaign.callBase + (long) (attempt - 1) * campaign.size() + index);
  }

  /** Notes that {@code callId}, recipient {@code index} of {@code campaign}, is in progress. */
  void started(String callId, CampaignState campaign, int index) {
    inProgress.put(callId, new Located(campaign, index, campaign.attempt(index)));
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
        ? Located.of(campaign, counter - campaign.callBase)
        : null;
  }

  /**
   * A call: its campaign, its recipient's index and which attempt to that recipient it is.
   *
   * @param attempt from 1; a recipient's earlier attempts ended and were tried again
   */
  record Located(CampaignState campaign, int index, int attempt) {

    /** The call at {@code offset} in its campaign's counters: a block of its size an attempt. */
    static Located of(CampaignState campaign, long offset) {
      int size = campaign.size();
      return new Located(campaign, (int) (offset % size), (int) (offset / size) + 1);
    }

    /** Whether it is its recipient's latest call (or next one), not an earlier attempt. */
    boolean latest() {
      return attempt == campaign.attempt(index);
    }
  }
}
