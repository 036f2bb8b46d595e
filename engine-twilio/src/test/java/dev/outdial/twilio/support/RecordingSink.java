package dev.outdial.twilio.support;

import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.CallEndSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CallEndSink} that records what the dialer reports — ends and sids — for tests that drive
 * the dialer without an engine. Thread-safe: the dialer reports from its HTTP and webhook threads.
 */
public final class RecordingSink implements CallEndSink {

  /** One reported end. */
  public record End(String callId, EndedReason reason, @Nullable String detail) {}

  /** One reported sid. */
  public record Placed(String callId, String reference) {}

  /** One call reported not placed (its recipient stays queued). */
  public record NotPlaced(String callId, String reason) {}

  private final List<End> ends = new ArrayList<>();
  private final List<NotPlaced> notPlaced = new ArrayList<>();
  private final List<Placed> placed = new ArrayList<>();

  @Override
  public synchronized void callEnded(String callId, EndedReason reason, @Nullable String detail) {
    ends.add(new End(callId, reason, detail));
  }

  @Override
  public synchronized void callPlaced(String callId, String reference) {
    placed.add(new Placed(callId, reference));
  }

  @Override
  public synchronized void notPlaced(String callId, String reason) {
    notPlaced.add(new NotPlaced(callId, reason));
  }

  public synchronized List<NotPlaced> notPlaced() {
    return List.copyOf(notPlaced);
  }

  public synchronized List<End> ends() {
    return List.copyOf(ends);
  }

  public synchronized List<Placed> placed() {
    return List.copyOf(placed);
  }

  /** The one end reported for {@code callId}, if any; fails if there were several. */
  public synchronized Optional<End> endOf(String callId) {
    List<End> found = ends.stream().filter(e -> e.callId().equals(callId)).toList();
    if (found.size() > 1) {
      throw new AssertionError("call " + callId + " ended " + found.size() + " times: " + found);
    }
    return found.stream().findFirst();
  }
}
