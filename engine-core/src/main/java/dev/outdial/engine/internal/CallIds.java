package dev.outdial.engine.internal;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
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

  /** Every campaign, in creation order, which is also the order of their bases. */
  private CampaignState[] byBase = new CampaignState[16];

  private int registered;
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
    if (registered == byBase.length) {
      byBase = Arrays.copyOf(byBase, registered + (registered >> 1));
    }
    byBase[registered++] = campaign;
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
    CampaignState campaign = lastAtOrBelow(counter);
    if (campaign == null) {
      return null;
    }
    long index = counter - campaign.callBase;
    return index < campaign.size() ? new Located(campaign, (int) index) : null;
  }

  /** The last campaign registered whose base is at most {@code counter}, or null. */
  private @Nullable CampaignState lastAtOrBelow(long counter) {
    int low = 0;
    int high = registered; // the answer is below high: bases at and above it exceed counter
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (byBase[middle].callBase <= counter) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low == 0 ? null : byBase[low - 1];
  }

  record Located(CampaignState campaign, int index) {}
}
