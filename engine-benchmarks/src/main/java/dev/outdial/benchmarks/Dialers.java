package dev.outdial.benchmarks;

import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.spi.OutboundCall;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Dialers that cost nothing, so that a benchmark measures the engine. */
public final class Dialers {
  private Dialers() {}

  /** Counts calls and never reports an end: the calls stay in progress. */
  public static final class Silent implements Dialer {
    public long dialled;

    @Override
    public void dial(OutboundCall call, CallEndSink ends) {
      dialled++;
    }
  }

  /** Every call is answered and completed at once, from inside {@code dial}. */
  public static final class Instant implements Dialer {
    public long dialled;

    @Override
    public void dial(OutboundCall call, CallEndSink ends) {
      dialled++;
      ends.callEnded(call.callId(), EndedReason.COMPLETED);
    }
  }

  /**
   * Starts nothing and keeps each call's id; {@link #endAll} then reports every kept call completed
   * at once, as a dialer's webhooks would between two passes.
   */
  public static final class BatchEnding implements Dialer {
    public long dialled;
    private final List<String> inProgress = new ArrayList<>();
    private @Nullable CallEndSink ends;

    @Override
    public void dial(OutboundCall call, CallEndSink ends) {
      dialled++;
      this.ends = ends;
      inProgress.add(call.callId());
    }

    /** Reports every call dialled since the last time completed. */
    public void endAll() {
      CallEndSink sink = ends;
      if (sink == null) {
        return;
      }
      for (String callId : inProgress) {
        sink.callEnded(callId, EndedReason.COMPLETED);
      }
      inProgress.clear();
    }
  }
}
