package dev.outdial.engine.dialling;

import dev.outdial.engine.BatchCampaignRequest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A campaign's calling window as SPEC §3 states it, read off the request's fields and the local
 * date-time of plain {@code java.time}; it shares no code with {@code CallingWindow}. Skipped local
 * times never occur and repeated ones occur twice simply because {@link LocalDateTime#ofInstant}
 * says so.
 *
 * <p>Searches step from one <em>candidate</em> instant to the next: an instant at which the local
 * clock shows a whole minute, or a transition of the zone's offset. Window bounds are whole local
 * minutes and days begin at local 00:00, so the window can only open or close at a candidate. This
 * is slow (one step per minute) and obviously right, which is what a model is for.
 */
final class WallClockWindow {
  private final ZoneId zone;
  private final ZoneRules rules;
  private final int startSecond;
  private final int endSecond;
  private final Set<DayOfWeek> days;

  WallClockWindow(BatchCampaignRequest request, ZoneId zone) {
    this.zone = zone;
    this.rules = zone.getRules();
    this.startSecond = request.windowStartMinutes() == null ? 0 : request.windowStartMinutes() * 60;
    this.endSecond = request.windowEndMinutes() == null ? 86_400 : request.windowEndMinutes() * 60;
    this.days = EnumSet.allOf(DayOfWeek.class);
    if (request.windowDays() != null) {
      days.clear();
      for (String day : request.windowDays()) {
        for (DayOfWeek d : DayOfWeek.values()) {
          if (d.name().substring(0, 3).equals(day.toUpperCase(Locale.ROOT))) {
            days.add(d);
          }
        }
      }
    }
  }

  /** Whether it is open at every instant (no window, or whole days on all seven days). */
  boolean alwaysOpen() {
    return startSecond == 0 && endSecond == 86_400 && days.size() == 7;
  }

  /** SPEC §3: the local day and second of day at {@code at} against the days and minutes. */
  boolean isOpen(Instant at) {
    return alwaysOpen() || isOpen(LocalDateTime.ofInstant(at, zone));
  }

  private boolean isOpen(LocalDateTime local) {
    int second = local.toLocalTime().toSecondOfDay();
    DayOfWeek day = local.getDayOfWeek();
    if (startSecond < endSecond) {
      return days.contains(day) && second >= startSecond && second < endSecond;
    }
    return (days.contains(day) && second >= startSecond)
        || (days.contains(day.minus(1)) && second < endSecond);
  }

  /** The first instant at or after {@code from} at which it is open; fails past {@code limit}. */
  Instant firstOpen(Instant from, Duration limit) {
    if (alwaysOpen()) {
      return from;
    }
    Instant end = from.plus(limit);
    for (Candidates c = new Candidates(from); !c.at.isAfter(end); c.advance()) {
      if (isOpen(c.local())) {
        return c.at;
      }
    }
    throw new AssertionError("the model finds no opening within " + limit + " of " + from);
  }

  /** Whether it is open at every instant of {@code [from, to]}. */
  boolean openThroughout(Instant from, Instant to) {
    if (alwaysOpen()) {
      return true;
    }
    for (Candidates c = new Candidates(from); !c.at.isAfter(to); c.advance()) {
      if (!isOpen(c.local())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Walks the candidate instants from a first one: each next is the first instant after the current
   * one at which the local clock shows a whole minute or the offset changes.
   */
  private final class Candidates {
    Instant at;
    private ZoneOffset offset;
    private ZoneOffsetTransition transition;

    Candidates(Instant from) {
      at = from;
      offset = rules.getOffset(from);
      transition = rules.nextTransition(from);
    }

    LocalDateTime local() {
      return LocalDateTime.ofEpochSecond(at.getEpochSecond(), at.getNano(), offset);
    }

    void advance() {
      long shift = offset.getTotalSeconds();
      long local = at.getEpochSecond() + shift;
      Instant minute = Instant.ofEpochSecond(Math.floorDiv(local, 60) * 60 + 60 - shift);
      if (transition != null && !transition.getInstant().isAfter(minute)) {
        at = transition.getInstant();
        offset = transition.getOffsetAfter();
        transition = rules.nextTransition(at);
      } else {
        at = minute;
      }
    }
  }
}
