package dev.outdial.engine.internal.state;

import dev.outdial.engine.spi.AttemptCap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The calls one key started to each number within its {@link AttemptCap}'s period: what the cap
 * counts. A call counts from its start; a call that was not placed is taken back. Numbers whose
 * calls have all left the period are forgotten as the map grows, so it holds about the numbers
 * called within one period.
 */
final class NumberAttempts {
  private final int attempts;
  private final long perMillis;

  /** Per number, the starts still counted, in epoch milliseconds, ascending. */
  private final HashMap<String, List<Long>> starts = new HashMap<>();

  /** The map's size after its last sweep: it is swept again when it has doubled. */
  private int sweptAt = 64;

  NumberAttempts(AttemptCap cap) {
    this.attempts = cap.attempts();
    this.perMillis = cap.per().toMillis();
  }

  /** A call to {@code phone} started at {@code atMillis}. */
  void started(String phone, long atMillis) {
    List<Long> calls = starts.computeIfAbsent(phone, p -> new ArrayList<>(attempts + 1));
    int at = calls.size();
    while (at > 0 && calls.get(at - 1) > atMillis) {
      at--; // a call restored from the log, or a clock stepped back: keep them in order
    }
    calls.add(at, atMillis);
    if (starts.size() >= 2 * sweptAt) {
      sweep(atMillis);
    }
  }

  /**
   * The call to {@code phone} that started at {@code atMillis} was not placed: it is no attempt.
   */
  void takenBack(String phone, long atMillis) {
    List<Long> calls = starts.get(phone);
    if (calls != null && calls.remove(Long.valueOf(atMillis)) && calls.isEmpty()) {
      starts.remove(phone);
    }
  }

  /**
   * The first instant (epoch milliseconds) from which a call to {@code phone} keeps within the cap:
   * {@code nowMillis} itself if a call may start now. A start counts while it is less than the
   * period before the instant judged.
   */
  long freeAt(String phone, long nowMillis) {
    List<Long> calls = starts.get(phone);
    if (calls == null) {
      return nowMillis;
    }
    int counted = 0;
    int first = calls.size();
    for (int i = calls.size() - 1; i >= 0 && calls.get(i) > nowMillis - perMillis; i--) {
      counted++;
      first = i;
    }
    if (first > 0) {
      calls.subList(0, first).clear(); // left the period for good, unless the clock steps back
      if (calls.isEmpty()) {
        starts.remove(phone);
      }
    }
    if (counted < attempts) {
      return nowMillis;
    }
    // The oldest starts must leave the period until attempts - 1 remain.
    return calls.get(counted - attempts) + perMillis;
  }

  private void sweep(long nowMillis) {
    Iterator<Map.Entry<String, List<Long>>> numbers = starts.entrySet().iterator();
    while (numbers.hasNext()) {
      List<Long> calls = numbers.next().getValue();
      if (calls.isEmpty() || calls.get(calls.size() - 1) <= nowMillis - perMillis) {
        numbers.remove();
      }
    }
    sweptAt = Math.max(64, starts.size());
  }
}
