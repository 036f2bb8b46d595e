package dev.outdial.engine.internal;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Call ids and their reverse look-up. Each campaign reserves a block of call counters at creation,
 * so a call's id is derived, not stored, and an id leads back to its campaign and recipient in
 * O(log campaigns). Calls in progress are also kept in a hash map by id, so that an end report (the
 * hot path: one per call) is found without deciphering the id; the map holds only calls in
 * progress, so it stays as small as the keys' concurrency.
 */
final class CallIds {
  private final IdCodec codec;
  private final TreeMap<Long, CampaignState> byBase = new TreeMap<>();
  private final HashMap<String, Located> inProgress = new HashMap<>();
  private long nextBase;

  CallIds(SecureRandom random) {
    this.codec = new IdCodec("call_", random);
  }

  long reserve(int calls) {
    long base = nextBase;
    nextBase += calls;
    return base;
  }

  void register(CampaignState campaign) {
    byBase.put(campaign.callBase, campaign);
  }

  /** Forgets a dropped campaign: its call ids lead nowhere from now on. */
  void forget(CampaignState campaign) {
    byBase.remove(campaign.callBase, campaign);
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
    Map.Entry<Long, CampaignState> entry = byBase.floorEntry(counter);
    if (entry == null) {
      return null;
    }
    long index = counter - entry.getKey();
    CampaignState campaign = entry.getValue();
    return index < campaign.size() ? new Located(campaign, (int) index) : null;
  }

  record Located(CampaignState campaign, int index) {}
}
