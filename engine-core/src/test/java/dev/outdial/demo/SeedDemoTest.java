package dev.outdial.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.EndedReason;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's main job prints the seed campaign's timeline and runs it to completion. */
class SeedDemoTest {

  @Test
  void demo_fires_the_seed_campaign_at_0900_london_and_completes_with_each_outcome_once() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    CampaignView view = SeedDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String timeline = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(CampaignStatus.COMPLETED, view.status());
    assertEquals(1, view.callsByEndedReason().get(EndedReason.VOICEMAIL_DETECTED));
    assertTrue(timeline.contains("fires_at 2026-06-15T08:00:00Z"), timeline);
    assertTrue(
        timeline.contains("2026-06-15T08:00:00Z  Mon 09:00:00 BST  campaign running"), timeline);
  }
}
