package dev.outdial.engine.support;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.Recipient;
import java.util.ArrayList;
import java.util.List;

/** Small valid requests for the seed's agent. */
public final class Requests {
  private Requests() {}

  /** A valid UK mobile, distinct for each {@code i} in 0..999,999. */
  public static String phone(int i) {
    return String.format("+447111%06d", i);
  }

  /** {@code count} distinct recipients, starting at {@link #phone}({@code first}). */
  public static List<Recipient> recipients(int first, int count) {
    List<Recipient> recipients = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      recipients.add(Recipient.of(phone(first + i)));
    }
    return recipients;
  }

  /** A {@code schedule_type: now} campaign with no window over {@code count} recipients. */
  public static BatchCampaignRequest.Builder now(int count) {
    return BatchCampaignRequest.builder()
        .agentId(SeedRequests.AGENT_ID)
        .prompt("Remind the patient of tomorrow's check-up.")
        .recipients(recipients(0, count));
  }
}
