package dev.outdial.engine.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.RejectedException;
import dev.outdial.engine.Rejection;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.TestEngine;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code check} answers as {@code create} would, with no side effect; {@code openCampaigns}. */
class CheckWithoutCreatingTest {
  private static final Instant T0 = Instant.parse("2026-06-10T12:00:00Z");

  private final TestEngine t = TestEngine.at(T0);

  @Test
  void check_gives_the_rejection_create_would_throw_and_creates_nothing() {
    var bad = Requests.now(2).window(540, 540).build();

    Optional<Rejection> checked = t.engine.check(bad);
    RejectedException thrown =
        assertThrows(RejectedException.class, () -> t.engine.create("key_a", bad));

    assertEquals(Optional.of(thrown.rejection()), checked);
    assertEquals(ErrorCode.INVALID_FIELD, checked.orElseThrow().code());
    assertEquals(Optional.empty(), t.engine.nextDeadline());
  }

  @Test
  void check_of_an_acceptable_request_is_empty_and_creates_nothing() {
    assertEquals(Optional.empty(), t.engine.check(Requests.now(2).build()));

    assertEquals(List.of(), t.engine.openCampaigns());
    t.engine.runDue();
    assertEquals(List.of(), t.dialer.dialed());
  }

  @Test
  void open_campaigns_lists_every_key_and_leaves_out_finished_ones() {
    String a = t.engine.create("key_a", Requests.now(1).build()).campaignId();
    String b = t.engine.create("key_b", Requests.now(1).build()).campaignId();
    String c = t.engine.create("key_b", Requests.now(1).build()).campaignId();
    t.engine.cancel("key_b", c);

    assertEquals(
        List.of(a, b), t.engine.openCampaigns().stream().map(CampaignView::campaignId).toList());
    assertEquals(
        List.of(CampaignStatus.RUNNING, CampaignStatus.RUNNING),
        t.engine.openCampaigns().stream().map(CampaignView::status).toList());
  }
}
