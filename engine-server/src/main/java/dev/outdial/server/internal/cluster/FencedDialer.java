package dev.outdial.server.internal.cluster;

import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.spi.CallFate;
import dev.outdial.engine.spi.CallInDoubt;
import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.spi.OutboundCall;
import org.jspecify.annotations.Nullable;

/**
 * The node's dialer as one key's engine sees it: a call is placed only while the node's lease on
 * the key still holds by the {@link LeaseDeadline}. The intent was committed under the lease (the
 * store's fence); this check closes the gap between that commit and the dial, where a node frozen
 * past its lease would otherwise place the call after another node took the key over. The call
 * refused here ends {@code dial_failed} in an engine that can no longer commit; the key's new owner
 * finds it in doubt and reconciles it through its own dialer, never dialling it again.
 */
final class FencedDialer implements Dialer {
  private final Dialer dialer;
  private final LeaseDeadline lease;
  private final String keyId;
  private volatile @Nullable CallEndSink sink;

  FencedDialer(Dialer dialer, LeaseDeadline lease, String keyId) {
    this.dialer = dialer;
    this.lease = lease;
    this.keyId = keyId;
  }

  @Override
  public void dial(OutboundCall call, CallEndSink ends) throws Exception {
    sink = ends;
    if (!lease.mayDial()) {
      lease.refusedOne();
      ends.notPlaced(
          call.callId(),
          "this node's lease on key "
              + keyId
              + " has run out by its own clock, or the key is being"
              + " handed over");
      return;
    }
    dialer.dial(call, ends);
  }

  /** The key's lease was renewed after a refusal: its engine may dial again. */
  void resume() {
    CallEndSink ends = sink;
    if (ends != null) {
      ends.dialerAvailable();
    }
  }

  @Override
  public void hangUp(String callId) {
    dialer.hangUp(callId);
  }

  @Override
  public CallFate reconcile(CallInDoubt call, CallEndSink ends) throws Exception {
    return dialer.reconcile(call, ends);
  }
}
