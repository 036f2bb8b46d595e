package dev.outdial.twilio.fake;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A call the {@link FakeTwilio} created. Its status changes through callbacks posted by the test,
 * hang-ups, or {@link FakeTwilio#setStatus}.
 */
public final class FakeCall {
  private final String sid;
  private final Map<String, List<String>> createParams;
  private final Instant dateCreated;
  private String status = "queued";
  private @Nullable String answeredBy;
  private long nextSequence;
  private int hiddenFromLookUps;

  FakeCall(String sid, Map<String, List<String>> createParams, Instant dateCreated) {
    this.sid = sid;
    this.createParams = createParams;
    this.dateCreated = dateCreated;
  }

  public String sid() {
    return sid;
  }

  public String to() {
    return param("To");
  }

  public String from() {
    return param("From");
  }

  /** The create request's parameters. */
  public Map<String, List<String>> createParams() {
    return createParams;
  }

  /** A create parameter's first value ({@code ""} if absent). */
  public String param(String name) {
    List<String> values = createParams.get(name);
    return values == null || values.isEmpty() ? "" : values.get(0);
  }

  public Instant dateCreated() {
    return dateCreated;
  }

  public synchronized String status() {
    return status;
  }

  synchronized void status(String status) {
    this.status = status;
  }

  public synchronized @Nullable String answeredBy() {
    return answeredBy;
  }

  synchronized void answeredBy(String answeredBy) {
    this.answeredBy = answeredBy;
  }

  /** Whether the call is still going at Twilio: queued, initiated, ringing or in progress. */
  public synchronized boolean live() {
    return !List.of("completed", "busy", "no-answer", "failed", "canceled").contains(status);
  }

  synchronized void hideFromLookUps(int lookUps) {
    hiddenFromLookUps = lookUps;
  }

  /** Whether this look-up leaves the call out (counting the look-up against its hiding). */
  synchronized boolean hiddenFromThisLookUp() {
    if (hiddenFromLookUps > 0) {
      hiddenFromLookUps--;
      return true;
    }
    return false;
  }

  synchronized long takeSequence() {
    return nextSequence++;
  }
}
