package dev.outdial.server.internal.cluster;

import dev.outdial.engine.spi.OutboundCall;
import dev.outdial.twilio.CreateGuard;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The self-fences of the keys a node holds, for its Twilio dialer to ask right before each create
 * request is sent: a create waits for its key's and the account's pace on the dialer's thread, and
 * a node frozen while it waits must not send it after it lost the key. Safe for several threads.
 */
public final class KeyFences implements CreateGuard {
  private final Map<String, LeaseDeadline> held = new ConcurrentHashMap<>();

  void holds(String keyId, LeaseDeadline deadline) {
    held.put(keyId, deadline);
  }

  void released(String keyId, LeaseDeadline deadline) {
    held.remove(keyId, deadline);
  }

  /** The deadlines of the keys this node holds or is starting, by key. */
  Map<String, LeaseDeadline> snapshot() {
    return Map.copyOf(held);
  }

  @Override
  public @Nullable String refusal(OutboundCall call) {
    LeaseDeadline deadline = held.get(call.keyId());
    if (deadline != null && deadline.mayDial()) {
      return null;
    }
    if (deadline != null) {
      deadline.refusedOne();
    }
    return "this node's lease on key "
        + call.keyId()
        + " has run out, or the key is being handed over";
  }
}
