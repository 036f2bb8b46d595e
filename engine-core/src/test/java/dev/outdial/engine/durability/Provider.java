package dev.outdial.engine.durability;

import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.spi.CallFate;
import dev.outdial.engine.spi.CallInDoubt;
import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.spi.OutboundCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A telephony provider that outlives the engines dialling through it, as a real one outlives a
 * crashed server: it counts every call created per number, the calls up at once per key, and
 * answers reconciliation from what it knows (or as a test says).
 */
final class Provider {
  final Map<String, Integer> createdPerNumber = new HashMap<>();
  final Map<String, Integer> upPerKey = new HashMap<>();
  final Map<String, Integer> mostUpPerKey = new HashMap<>();
  final List<OutboundCall> created = new ArrayList<>();
  final Map<String, String> referenceOf = new HashMap<>();

  /** Calls up, by call id, with the sink of the engine that last took them. */
  final LinkedHashMap<String, Live> up = new LinkedHashMap<>();

  /** Calls that ended, by id, with their reason (whether or not an engine heard of it). */
  final Map<String, EndedReason> endedWhileDown = new HashMap<>();

  /** How reconciliation answers; by default from what the provider knows. */
  Function<CallInDoubt, CallFate> reconcile = this::truth;

  record Live(OutboundCall call, CallEndSink ends) {}

  /** A dialer of one engine's life over this provider. */
  Dialer dialer() {
    return new Dialer() {
      @Override
      public void dial(OutboundCall call, CallEndSink ends) {
        created.add(call);
        createdPerNumber.merge(call.to(), 1, Integer::sum);
        int now = upPerKey.merge(call.keyId(), 1, Integer::sum);
        mostUpPerKey.merge(call.keyId(), now, Math::max);
        up.put(call.callId(), new Live(call, ends));
        String reference = "CA" + call.callId().substring(5);
        referenceOf.put(call.callId(), reference);
        ends.callPlaced(call.callId(), reference);
      }

      @Override
      public CallFate reconcile(CallInDoubt call, CallEndSink ends) {
        CallFate fate = reconcile.apply(call);
        Live live = up.get(call.callId());
        if (fate.kind() == CallFate.Kind.IN_PROGRESS && live != null) {
          up.put(call.callId(), new Live(live.call(), ends));
        }
        return fate;
      }
    };
  }

  /** What the provider knows: up, ended (while the engine was down), or never created. */
  CallFate truth(CallInDoubt call) {
    if (up.containsKey(call.callId())) {
      return CallFate.inProgress();
    }
    EndedReason ended = endedWhileDown.get(call.callId());
    if (ended != null) {
      return CallFate.ended(ended, "ended while the engine was down");
    }
    return CallFate.ended(EndedReason.DIAL_FAILED, "never created");
  }

  /** Ends a call up, telling the engine that holds it (or none, if it is down). */
  void end(String callId, EndedReason reason, boolean engineUp) {
    Live live = up.remove(callId);
    if (live == null) {
      return;
    }
    upPerKey.merge(live.call().keyId(), -1, Integer::sum);
    endedWhileDown.put(callId, reason); // what the provider would answer a look-up with
    if (engineUp) {
      live.ends().callEnded(callId, reason);
    }
  }

  /** Ends every call up. */
  void endAll(EndedReason reason, boolean engineUp) {
    for (String callId : List.copyOf(up.keySet())) {
      end(callId, reason, engineUp);
    }
  }
}
