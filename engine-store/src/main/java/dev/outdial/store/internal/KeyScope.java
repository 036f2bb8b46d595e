package dev.outdial.store.internal;

import dev.outdial.engine.store.StoreException;
import dev.outdial.engine.store.StoredCampaign;

/**
 * The part of a shared PostgreSQL database one API key's engine reads and writes: the key's
 * campaigns, attempt-log rows and suppression list, and its counters, kept in its {@code
 * key_engines} row rather than {@code engine_meta}.
 *
 * <p><b>The counter rule.</b> Campaign and call counters are global in the schema, so each key
 * counts in a range of its own, fixed by its ordinal {@code o} (from 1, drawn once per key):
 * campaign counters {@code [o << 32, (o + 1) << 32)}, call counters {@code [o << 40, (o + 1) <<
 * 40)}. The single engine's counters, from 0, lie below every key's range. A campaign created
 * outside the key's range, or under another key, is refused whole.
 *
 * @param keyId the API key
 * @param ordinal the key's ordinal, from 1 to {@link #MAX_ORDINAL}
 */
public record KeyScope(String keyId, long ordinal) {
  /** Bits of a key's campaign counter range: 2^32 campaigns per key. */
  static final int CAMPAIGN_BITS = 32;

  /** Bits of a key's call counter range: 2^40 calls per key. */
  static final int CALL_BITS = 40;

  /** The highest ordinal whose call counter range ends within a positive {@code long}. */
  public static final long MAX_ORDINAL = (1L << (Long.SIZE - 1 - CALL_BITS)) - 2;

  /**
   * @throws StoreException naming the key and ordinal, if the ordinal is below 1 or above {@link
   *     #MAX_ORDINAL}
   */
  public KeyScope {
    if (ordinal < 1 || ordinal > MAX_ORDINAL) {
      throw new StoreException(
          "key "
              + keyId
              + " has ordinal "
              + ordinal
              + ", outside 1 to "
              + MAX_ORDINAL
              + ": its counters would leave the range of a 64-bit counter");
    }
  }

  /** The key's first campaign counter: {@code ordinal << 32}. */
  public long firstCampaignCounter() {
    return ordinal << CAMPAIGN_BITS;
  }

  /** One past the key's last campaign counter. */
  long campaignCounterEnd() {
    return (ordinal + 1) << CAMPAIGN_BITS;
  }

  /** The key's first call counter: {@code ordinal << 40}. */
  public long firstCallCounter() {
    return ordinal << CALL_BITS;
  }

  /** One past the key's last call counter. */
  long callCounterEnd() {
    return (ordinal + 1) << CALL_BITS;
  }

  /**
   * Throws unless {@code campaign} belongs to this key and its counter and call counters lie in the
   * key's ranges.
   *
   * @throws StoreException naming the campaign, the key and the range it would leave
   */
  void requireOwns(StoredCampaign campaign) {
    if (!campaign.keyId().equals(keyId)) {
      throw new StoreException(
          "campaign "
              + campaign.id()
              + " of key "
              + campaign.keyId()
              + " cannot be created in the store of key "
              + keyId);
    }
    if (campaign.counter() < firstCampaignCounter() || campaign.counter() >= campaignCounterEnd()) {
      throw new StoreException(
          "campaign "
              + campaign.id()
              + " has counter "
              + campaign.counter()
              + ", outside key "
              + keyId
              + "'s campaign counters ["
              + firstCampaignCounter()
              + ", "
              + campaignCounterEnd()
              + "): it could clash with another key's campaign");
    }
    long callEnd = campaign.callBase() + campaign.callSpan();
    if (campaign.callBase() < firstCallCounter() || callEnd > callCounterEnd()) {
      throw new StoreException(
          "campaign "
              + campaign.id()
              + " holds call counters ["
              + campaign.callBase()
              + ", "
              + callEnd
              + "), outside key "
              + keyId
              + "'s call counters ["
              + firstCallCounter()
              + ", "
              + callCounterEnd()
              + "): its calls could clash with another key's");
    }
  }
}
