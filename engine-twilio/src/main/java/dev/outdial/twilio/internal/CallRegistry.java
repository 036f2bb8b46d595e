package dev.outdial.twilio.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The calls the dialer is working on, by engine call id, and the Twilio sids and call ids it has
 * seen lately (so a look-up never adopts a call that belongs to another, and a late callback for an
 * ended call is told from an unknown one).
 */
public final class CallRegistry {
  private static final int REMEMBERED = 10_000;

  private final Map<String, CallState> live = new ConcurrentHashMap<>();
  private final Set<String> seenSids = bounded();
  private final Set<String> endedCallIds = bounded();

  /** Adds a call; false if one with its id is already live. */
  public boolean register(CallState state) {
    return live.putIfAbsent(state.callId(), state) == null;
  }

  /** The live call with this id, or {@code null}. */
  /** Calls of {@code keyId} followed now whose sid is not known yet (not created, or unsure). */
  public int unplaced(String keyId) {
    return (int)
        live.values().stream()
            .filter(state -> state.call().keyId().equals(keyId) && state.sid() == null)
            .count();
  }

  /** The calls of {@code keyId} followed now. */
  public java.util.List<CallState> ofKey(String keyId) {
    return live.values().stream().filter(state -> state.call().keyId().equals(keyId)).toList();
  }

  public @Nullable CallState get(String callId) {
    return live.get(callId);
  }

  /** Drops an ended call. */
  public void forget(CallState state) {
    live.remove(state.callId(), state);
    endedCallIds.add(state.callId());
  }

  /**
   * Remembers that the call with this id ended without the dialer working on it (a call of a
   * previous process, settled after a restart): a late callback for it is then told from an unknown
   * one, and a Twilio call it names that nobody follows is hung up.
   */
  public void rememberEnded(String callId) {
    endedCallIds.add(callId);
  }

  /** Remembers that {@code sid} belongs to a call of this dialer. */
  public void rememberSid(String sid) {
    seenSids.add(sid);
  }

  /** Whether {@code sid} belongs to a call of this dialer (live or ended lately). */
  public boolean knowsSid(String sid) {
    return seenSids.contains(sid);
  }

  /** Whether a call with this id ended lately. */
  public boolean endedLately(String callId) {
    return endedCallIds.contains(callId);
  }

  private static Set<String> bounded() {
    return Collections.synchronizedSet(
        Collections.newSetFromMap(
            new LinkedHashMap<>() {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED;
              }
            }));
  }
}
