package dev.outdial.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outdial.engine.CampaignEvent;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.spi.EngineListener;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Counts the recipients the engine holds in campaigns not yet completed or cancelled, per key and
 * in total, and refuses a create that would go over a limit with 429 {@code capacity_exceeded}
 * naming it. A create reserves its recipients before the engine builds anything; once created, the
 * campaign keeps its valid recipients on the books until the engine reports it final (this ledger
 * is the engine's listener for that). Nothing already accepted is ever dropped to make room.
 */
public final class RecipientLedger implements EngineListener {
  /** The books' name for the owner of a campaign brought back at start (no key id looks so). */
  private static final String RECOVERED = "(recovered at start)";

  private final long maxRecipients;
  private final long maxPerKey;

  private long total;
  private final Map<String, Long> byKey = new HashMap<>();
  private final Map<String, Hold> byCampaign = new HashMap<>();

  /** Campaigns that ended before their create had put them on the books (only while one runs). */
  private final Set<String> endedEarly = new HashSet<>();

  private int pending;

  public RecipientLedger(long maxRecipients, long maxPerKey) {
    if (maxRecipients < 1 || maxPerKey < 1) {
      throw new IllegalArgumentException("recipient limits must be positive");
    }
    this.maxRecipients = maxRecipients;
    this.maxPerKey = maxPerKey;
  }

  /** Recipients held in campaigns not final, all keys. */
  public synchronized long total() {
    return total;
  }

  /** Recipients held in campaigns of this key not final. */
  public synchronized long heldBy(String keyId) {
    return byKey.getOrDefault(keyId, 0L);
  }

  /**
   * Reserves {@code recipients} for a create by {@code keyId}; 429 {@code capacity_exceeded} when
   * that would go over a limit. The hold must be {@link Hold#keep kept} or {@link Hold#close
   * closed}.
   */
  synchronized Hold reserve(String keyId, long recipients) {
    long ofKey = byKey.getOrDefault(keyId, 0L);
    if (ofKey + recipients > maxPerKey) {
      throw refusal("max_recipients_per_key", maxPerKey, ofKey, recipients, "This key's");
    }
    if (total + recipients > maxRecipients) {
      throw refusal("max_recipients", maxRecipients, total, recipients, "The server's");
    }
    Hold hold = new Hold(keyId);
    add(hold, recipients);
    pending++;
    return hold;
  }

  /**
   * Puts the campaigns a durable engine brought back at start on the books, until they end. The
   * engine does not say which key owns each, so they count against {@code max_recipients} only, not
   * against their key's {@code max_recipients_per_key}.
   */
  public void recovered(Supplier<List<CampaignView>> openCampaigns) {
    synchronized (this) {
      pending++; // from here a campaign ending before it is on the books is remembered
    }
    List<CampaignView> open = openCampaigns.get(); // not under the lock: the engine calls us
    synchronized (this) {
      for (CampaignView campaign : open) {
        if (!endedEarly.remove(campaign.campaignId())) {
          Hold hold = new Hold(RECOVERED);
          hold.settled = true;
          add(hold, campaign.totalCalls());
          byCampaign.put(campaign.campaignId(), hold);
        }
      }
      if (--pending == 0) {
        endedEarly.clear();
      }
    }
  }

  @Override
  public void onCampaign(CampaignEvent event) {
    if (event.status().isFinal()) {
      ended(event.campaignId());
    }
  }

  /** Only final statuses free recipients: a firing, one event a campaign, is not worth hearing. */
  @Override
  public boolean hearsFirings() {
    return false;
  }

  private synchronized void ended(String campaignId) {
    Hold hold = byCampaign.remove(campaignId);
    if (hold != null) {
      add(hold, -hold.recipients);
    } else if (pending > 0) {
      endedEarly.add(campaignId);
    }
  }

  private void add(Hold hold, long recipients) {
    hold.recipients += recipients;
    total += recipients;
    byKey.merge(hold.keyId, recipients, Long::sum);
    byKey.remove(hold.keyId, 0L);
  }

  private static ApiError refusal(String limit, long max, long held, long wanted, String whose) {
    String message =
        wanted > max
            ? String.format(
                "%d recipients are more than %s (%d) allows at once", wanted, limit, max)
            : String.format(
                "%s campaigns not yet completed or cancelled hold %d recipients; %d more would"
                    + " exceed %s (%d): retry when some have finished",
                whose, held, wanted, limit, max);
    return new ApiError(429, "capacity_exceeded", limit, message, null);
  }

  /**
   * Runs {@code create} for a request of {@code keyId} under a reservation of its recipients
   * ({@code recipients} of the request body), keeping the created campaign's {@code valid_count} on
   * the books.
   */
  ObjectNode create(String keyId, JsonNode request, Supplier<ObjectNode> create) {
    JsonNode recipients = request.path("recipients");
    try (Hold hold = reserve(keyId, recipients.isArray() ? recipients.size() : 0)) {
      ObjectNode created = create.get();
      hold.keep(created.get("campaign_id").asText(), created.get("valid_count").asLong());
      return created;
    }
  }

  /** Recipients reserved by one create. */
  final class Hold implements AutoCloseable {
    private final String keyId;
    private long recipients;
    private boolean settled;

    private Hold(String keyId) {
      this.keyId = keyId;
    }

    /** The create made {@code campaignId} with {@code validRecipients}: held until it ends. */
    void keep(String campaignId, long validRecipients) {
      synchronized (RecipientLedger.this) {
        settled = true;
        pending--;
        add(this, validRecipients - recipients);
        if (endedEarly.remove(campaignId)) {
          add(this, -recipients);
        } else {
          byCampaign.put(campaignId, this);
        }
        if (pending == 0) {
          endedEarly.clear();
        }
      }
    }

    /** Gives the reservation back unless it was kept (the create was refused or failed). */
    @Override
    public void close() {
      synchronized (RecipientLedger.this) {
        if (!settled) {
          settled = true;
          pending--;
          add(this, -recipients);
          if (pending == 0) {
            endedEarly.clear();
          }
        }
      }
    }
  }
}
