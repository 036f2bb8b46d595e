package dev.outdial.benchmarks;

import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.spi.OutboundCall;

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
}
