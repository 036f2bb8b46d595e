package dev.outdial.engine.internal.state;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The campaigns the engine holds, in creation order, found by the counter their id enciphers or by
 * a call counter of theirs, with no map entry per campaign (one array slot each). Creation order is
 * also the order of counters and of call-counter bases, so both look-ups index or bisect one array.
 * A slot holds a {@link CampaignState}, a durable engine's {@link FinishedCampaign}, or, for a
 * dropped campaign (or a counter a durable engine's store no longer holds), a boxed {@code Long}
 * call-counter base, so the bisection still works; dropped ones at the front are let go, so the
 * table spans the campaigns from the oldest one still kept, not every campaign ever created.
 */
final class CampaignTable {
  private Object[] slots = new Object[16];

  private int head;
  private int tail;

  /** The campaign counter of {@code slots[head]}. */
  private long firstCounter;

  /**
   * Appends the campaign with {@code counter}, at or after every counter added before; counters
   * skipped (campaigns a durable engine's store dropped) leave tombstones.
   */
  void add(long counter, Object campaign) {
    long callBase = baseOf(campaign);
    if (head == tail) {
      head = 0;
      tail = 0;
      firstCounter = counter;
    }
    while (firstCounter + (tail - head) < counter) {
      append(callBase);
    }
    if (firstCounter + (tail - head) != counter) {
      throw new IllegalStateException("campaign counter " + counter + " added out of order");
    }
    append(campaign);
  }

  private void append(Object slot) {
    if (tail == slots.length) {
      int live = tail - head;
      Object[] grown = new Object[live * 2 <= slots.length ? slots.length : slots.length * 2];
      System.arraycopy(slots, head, grown, 0, live);
      slots = grown;
      head = 0;
      tail = live;
    }
    slots[tail++] = slot;
  }

  /**
   * Puts {@code campaign} at {@code counter} in place of a tombstone, or after the last slot; false
   * if that counter is before the table's first, holds a campaign, or would put the bases out of
   * order.
   */
  boolean fill(long counter, CampaignState campaign) {
    long offset = counter - firstCounter;
    if (head == tail || offset >= tail - head) {
      add(counter, campaign);
      return true;
    }
    if (offset < 0 || !(slots[head + (int) offset] instanceof Long base)) {
      return false;
    }
    long before = offset == 0 ? Long.MIN_VALUE : base(head + (int) offset - 1);
    if (campaign.callBase < before || campaign.callBase > base) {
      return false; // a tombstone carries the next campaign's base: the order must still hold
    }
    slots[head + (int) offset] = campaign;
    return true;
  }

  /** The campaign (live or finished) with this counter, or null (never created, or dropped). */
  @Nullable Object byCounter(long counter) {
    long offset = counter - firstCounter;
    if (offset < 0 || offset >= tail - head) {
      return null;
    }
    Object slot = slots[head + (int) offset];
    return slot instanceof Long ? null : slot;
  }

  /**
   * The campaign (live or finished) whose block of call counters holds {@code callCounter}, or
   * null.
   */
  @Nullable Object byCallCounter(long callCounter) {
    int low = head;
    int high = tail; // the answer is below high: bases at and above it exceed the counter
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (base(middle) <= callCounter) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    if (low == head) {
      return null;
    }
    Object slot = slots[low - 1];
    return !(slot instanceof Long) && callCounter - baseOf(slot) < sizeOf(slot) ? slot : null;
  }

  /** Puts {@code finished} in the place of {@code campaign} (a durable engine lets it go). */
  void replace(CampaignState campaign, FinishedCampaign finished) {
    int slot = slotOf(campaign);
    if (slot >= 0) {
      slots[slot] = finished;
    }
  }

  /** Drops the campaign: its counter and call counters lead nowhere from now on. */
  void remove(Object campaign) {
    int slot = slotOf(campaign);
    if (slot >= 0) {
      slots[slot] = baseOf(campaign);
    }
    while (head < tail && slots[head] instanceof Long) {
      slots[head++] = null;
      firstCounter++;
    }
    if (head == tail) {
      Arrays.fill(slots, null);
      head = 0;
      tail = 0;
    }
  }

  private int slotOf(Object campaign) {
    long callBase = baseOf(campaign);
    int low = head;
    int high = tail;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (base(middle) < callBase) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    // Campaigns with no recipient share a base with the next one: look along the equal bases.
    for (int i = low; i < tail && base(i) == callBase; i++) {
      if (slots[i] == campaign) {
        return i;
      }
    }
    return -1;
  }

  private long base(int slot) {
    return baseOf(slots[slot]);
  }

  private static long baseOf(Object slot) {
    if (slot instanceof CampaignState c) {
      return c.callBase;
    }
    if (slot instanceof FinishedCampaign f) {
      return f.callBase();
    }
    return (Long) slot;
  }

  private static long sizeOf(Object slot) {
    return slot instanceof CampaignState c
        ? c.spec.callSpan()
        : ((FinishedCampaign) slot).callSpan();
  }
}
