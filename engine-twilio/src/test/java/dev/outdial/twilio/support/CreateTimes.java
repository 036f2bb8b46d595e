package dev.outdial.twilio.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.twilio.fake.FakeTwilio;
import dev.outdial.twilio.fake.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Judges the pace of the create requests the fake Twilio received, by its clock. */
public final class CreateTimes {
  private CreateTimes() {}

  /** The most creates the fake received within any closed interval of length {@code span}. */
  public static int mostWithin(FakeTwilio twilio, Duration span) {
    List<Instant> times =
        twilio.createRequests().stream().map(RecordedRequest::at).sorted().toList();
    int most = 0;
    for (int i = 0; i < times.size(); i++) {
      Instant end = times.get(i).plus(span);
      int count = 0;
      for (int j = i; j < times.size() && !times.get(j).isAfter(end); j++) {
        count++;
      }
      most = Math.max(most, count);
    }
    return most;
  }

  /**
   * Asserts that in every interval of length L the fake received at most {@code burst + floor(L ×
   * perSecond)} creates, for L of 0, 1, 2 and 5 seconds.
   */
  public static void assertWithinRate(FakeTwilio twilio, int burst, double perSecond) {
    for (long seconds : new long[] {0, 1, 2, 5}) {
      int bound = burst + (int) Math.floor(seconds * perSecond);
      int most = mostWithin(twilio, Duration.ofSeconds(seconds));
      assertTrue(
          most <= bound,
          most
              + " creates within "
              + seconds
              + " s, more than the bound of "
              + bound
              + "; creates at "
              + twilio.createRequests().stream().map(RecordedRequest::at).toList());
    }
  }
}
