package dev.outdial.engine.internal.state;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The campaigns the engine holds, in creation order, found by the counter their id enciphers or by
 * a call counter of theirs, with no map entry per campaign (one array slot each). Creation order is
 * also the order of counters and of call-counter bases, so both look-ups index or bisect one array.
 * A dropped campaign leaves its base behind (a boxed {@code Long}, so the bisection still works);
 * dropped ones at the front are let go, so the table spans the campaigns from the oldest one still
 * kept, not every campaign ever created.
 */
final class CampaignTable {
  /** A {@link CampaignState}, or the {@code Long} call-counter base of a dropped one. */
  private Object[] slots = new Object[16];

  private int head;
  private int tail;

  /** The campaign counter of {@code slots[head]}. */
  private long firstCounter;

  /** Appends the campaign created with the next counter. */
  void add(CampaignState campaign) {
    if (tail == slots.length) {
      int live = tail - head;
      Object[] grown = new Object[live * 2 <= slots.length ? slots.length : slots.length * 2];
      System.arraycopy(slots, head, grown, 0, live);
      slots = grown;
      head = 0;
      tail = live;
    }
    slots[tail++] = campaign;
  }

  /** The campaign with this counter, or null (never created, or dropped). */
  @Nullable CampaignState byCounter(long counter) {
    long offset = counter - firstCounter;
    return offset >= 0
            && offset < tail - head
            && slots[head + (int) offset] instanceof CampaignState c
        ? c
        : null;
  }

  /** The campaign whose block of call counters holds {@code callCounter}, or null. */
  @Nullable CampaignState byCallCounter(long callCounter) {
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
    return slots[low - 1] instanceof CampaignState c && callCounter - c.callBase < c.size()
        ? c
        : null;
  }

  /** Drops the campaign: its counter and call counters lead nowhere from now on. */
  void remove(CampaignState campaign) {
    int low = head;
    int high = tail;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (base(middle) < campaign.callBase) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    // Campaigns with no recipient share a base with the next one: look along the equal bases.
    for (int i = low; i < tail && base(i) == campaign.callBase; i++) {
      if (slots[i] == campaign) {
        slots[i] = campaign.callBase;
        break;
      }
    }
    while (head < tail && !(slots[head] instanceof CampaignState)) {
      slots[head++] = null;
      firstCounter++;
    }
    if (head == tail) {
      Arrays.fill(slots, null);
      head = 0;
      tail = 0;
    }
  }

  private long base(int slot) {
    return slots[slot] instanceof CampaignState c ? c.callBase : (Long) slots[slot];
  }
}
