package dev.outdial.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outdial.engine.CampaignEvent;
import dev.outdial.engine.CampaignStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The books of recipients held, including the order in which the engine's events may arrive. */
class RecipientLedgerTest {
  private static CampaignEvent event(String campaignId, CampaignStatus status) {
    return new CampaignEvent(Instant.EPOCH, "key_a", campaignId, status);
  }

  @Test
  void a_campaign_that_ends_before_its_create_returns_is_not_held() {
    RecipientLedger ledger = new RecipientLedger(10, 10);
    RecipientLedger.Hold hold = ledger.reserve("key_a", 4);

    // The engine thread finished the campaign while the create was still on its way back.
    ledger.onCampaign(event("batchcall_1", CampaignStatus.COMPLETED));
    hold.keep("batchcall_1", 4);

    assertEquals(0, ledger.total());
    assertEquals(0, ledger.heldBy("key_a"));
  }

  @Test
  void a_kept_campaign_is_held_until_it_is_final_and_a_refused_create_gives_all_back() {
    RecipientLedger ledger = new RecipientLedger(10, 10);
    try (RecipientLedger.Hold hold = ledger.reserve("key_a", 5)) {
      hold.keep("batchcall_1", 3); // two were duplicates
    }
    try (RecipientLedger.Hold refused = ledger.reserve("key_a", 6)) {
      assertEquals(9, ledger.total()); // the engine refused this one: closed without keep
    }
    assertEquals(3, ledger.heldBy("key_a"));

    ledger.onCampaign(event("batchcall_1", CampaignStatus.PAUSED));
    assertEquals(3, ledger.total());
    ledger.onCampaign(event("batchcall_1", CampaignStatus.CANCELED));
    assertEquals(0, ledger.total());
  }

  @Test
  void the_limits_refuse_what_would_go_over_them() {
    RecipientLedger ledger = new RecipientLedger(10, 6);
    ledger.reserve("key_a", 6).keep("batchcall_1", 6);

    ApiError perKey = assertThrows(ApiError.class, () -> ledger.reserve("key_a", 1));
    ApiError total = assertThrows(ApiError.class, () -> ledger.reserve("key_b", 5));

    assertEquals("max_recipients_per_key", perKey.reason());
    assertEquals("max_recipients", total.reason());
    assertEquals(429, total.status());
    assertEquals(6, ledger.total());
  }
}
