package dev.outdial.engine.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CampaignCreated;
import dev.outdial.engine.CreationFailureReason;
import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.InvalidRecipient;
import dev.outdial.engine.Recipient;
import dev.outdial.engine.RejectedException;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.TestEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Acceptance 2 through the engine: each group's answer, and a rejection has no side effect. */
class RejectedRequestTest {
  private static final Instant T0 = Instant.parse("2026-06-10T12:00:00Z");

  private final TestEngine t = TestEngine.at(T0);

  private RejectedException rejected(BatchCampaignRequest request) {
    return assertThrows(RejectedException.class, () -> t.engine.create("key_a", request));
  }

  @Test
  void each_group_is_answered_through_the_engine_in_spec_order() {
    assertEquals(ErrorCode.MISSING_FIELD, rejected(Requests.now(1).prompt(" ").build()).code());
    assertEquals(
        ErrorCode.INVALID_FIELD, rejected(Requests.now(1).window(540, 540).build()).code());
    RejectedException zone = rejected(Requests.now(1).timezone("+01:00").build());
    assertEquals(ErrorCode.CAMPAIGN_CREATION_FAILED, zone.code());
    assertEquals(CreationFailureReason.INVALID_TIMEZONE, zone.rejection().reason());
    RejectedException phone =
        rejected(Requests.now(0).recipient(Recipient.of("+447700900123")).build());
    assertEquals(ErrorCode.INVALID_PHONE_FORMAT, phone.code());
    assertEquals("invalid_number", phone.rejection().problems().get(0).reason());
  }

  @Test
  void a_rejected_request_creates_nothing_and_plans_no_work() {
    rejected(
        Requests.now(3)
            .recipient(Recipient.of("07111 000009"))
            .scheduledFor(java.time.LocalDate.parse("2026-06-15"))
            .build());

    assertEquals(Optional.empty(), t.engine.nextDeadline());
    t.simulation.runFor(Duration.ofDays(30));
    assertEquals(List.of(), t.dialer.dialed());
    assertEquals(List.of(), t.listener.events());
  }

  @Test
  void skip_invalid_dials_only_valid_numbers_and_drops_later_duplicates() {
    CampaignCreated created =
        t.engine.create(
            "key_a",
            Requests.now(2)
                .recipient(Recipient.of("+44 7111 000000"))
                .recipient(Recipient.of("12345"))
                .skipInvalid(true)
                .build());

    assertEquals(2, created.validCount());
    assertEquals(List.of(new InvalidRecipient(3, "12345", "not_international")), created.invalid());
    assertEquals(1, created.duplicateCount());
    assertEquals(List.of(2), created.duplicateIndexes());
    t.simulation.runUntilIdle(T0.plusSeconds(3600));
    assertEquals(
        List.of(Requests.phone(0), Requests.phone(1)),
        t.dialer.dialed().stream().map(d -> d.call().to()).toList());
    assertTrue(t.dialer.dialed().stream().noneMatch(d -> d.call().to().contains(" ")));
  }
}
