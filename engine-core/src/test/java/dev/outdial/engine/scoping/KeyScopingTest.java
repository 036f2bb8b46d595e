package dev.outdial.engine.scoping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.RejectedException;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.TestEngine;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Acceptance 9: a key sees and acts on its own campaigns only. */
class KeyScopingTest {
  private static final Instant T0 = Instant.parse("2026-06-10T12:00:00Z");

  @Test
  void another_keys_campaign_and_calls_are_answered_as_not_found_and_left_untouched() {
    TestEngine t = TestEngine.at(T0);
    String id =
        t.engine
            .create("key_a", Requests.now(2).scheduledFor(LocalDate.parse("2026-06-15")).build())
            .campaignId();
    String callId = t.engine.calls("key_a", id, 0, 1).calls().get(0).callId();

    List<Executable> intrusions =
        List.of(
            () -> t.engine.campaign("key_b", id),
            () -> t.engine.calls("key_b", id, 0, 10),
            () -> t.engine.call("key_b", callId),
            () -> t.engine.launch("key_b", id),
            () -> t.engine.pause("key_b", id),
            () -> t.engine.resume("key_b", id),
            () -> t.engine.cancel("key_b", id));
    for (Executable intrusion : intrusions) {
      RejectedException e = assertThrows(RejectedException.class, intrusion);
      assertEquals(ErrorCode.NOT_FOUND, e.code());
    }

    assertEquals(CampaignStatus.SCHEDULED, t.engine.campaign("key_a", id).status());
    t.simulation.runUntil(T0.plusSeconds(60));
    assertEquals(0, t.dialer.dialed().size());
  }

  @Test
  void a_missing_campaign_is_not_found_with_the_same_answer_as_a_foreign_one() {
    TestEngine t = TestEngine.at(T0);
    String id = t.engine.create("key_a", Requests.now(1).build()).campaignId();

    RejectedException foreign =
        assertThrows(RejectedException.class, () -> t.engine.campaign("key_b", id));
    String missing = "batchcall_0123456789abcdef";
    RejectedException absent =
        assertThrows(RejectedException.class, () -> t.engine.campaign("key_b", missing));

    assertEquals(foreign.code(), absent.code());
    assertEquals(
        foreign.rejection().message().replace(id, "ID"),
        absent.rejection().message().replace(missing, "ID"));
  }
}
