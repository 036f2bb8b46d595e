package dev.outdial.server.support;

import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.spi.OutboundCall;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A dialer that records every dial and holds each call in progress until the test ends it: the test
 * sees exactly which numbers were dialled, and when. Thread-safe.
 */
public final class HoldingDialer implements Dialer {
  private final LinkedBlockingQueue<Held> waiting = new LinkedBlockingQueue<>();
  private final List<String> dialled = new CopyOnWriteArrayList<>();

  /** One call in progress: end it with {@link #end}. */
  public record Held(String callId, String phone, CallEndSink ends) {
    public void end(EndedReason reason) {
      ends.callEnded(callId, reason);
    }
  }

  @Override
  public void dial(OutboundCall call, CallEndSink ends) {
    dialled.add(call.to());
    waiting.add(new Held(call.callId(), call.to(), ends));
  }

  /** The next call dialled, waiting up to 30 s for it. */
  public Held next() throws InterruptedException {
    Held held = waiting.poll(30, TimeUnit.SECONDS);
    if (held == null) {
      throw new AssertionError("no call was dialled within 30 s; dialled so far: " + dialled);
    }
    return held;
  }

  /** Every number dialled so far, in order. */
  public List<String> dialled() {
    return List.copyOf(dialled);
  }
}
