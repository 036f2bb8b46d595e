package dev.outdial.benchmarks.baseline;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * BASELINE, NOT OUTDIAL: the seed's scheduler as its description reads, written plainly so that the
 * engine can be measured against it. Every {@link #TICK_SECONDS} seconds a tick scans every
 * campaign; a scheduled one whose date has come (in its zone) and whose window is open on the local
 * wall clock is fired. The check uses {@code java.time} per campaign, as a straightforward
 * implementation would: the zone, date, days and minutes are parsed once at creation (we do not
 * handicap it with string parsing per tick), but each tick converts the instant to a {@link
 * ZonedDateTime} for every scheduled campaign.
 */
public final class SeedPoller {
  /** The seed's polling interval. */
  public static final int TICK_SECONDS = 60;

  /** A campaign as the poller keeps it. */
  public static final class Campaign {
    final LocalDate scheduledDate;
    final ZoneId zone;
    final int startMinute;
    final int endMinute;
    final Set<DayOfWeek> days;
    boolean scheduled = true;

    Campaign(LocalDate scheduledDate, ZoneId zone, int start, int end, Set<DayOfWeek> days) {
      this.scheduledDate = scheduledDate;
      this.zone = zone;
      this.startMinute = start;
      this.endMinute = end;
      this.days = days;
    }
  }

  private final List<Campaign> campaigns = new ArrayList<>();
  private final List<Campaign> running = new ArrayList<>();

  /** Adds a scheduled campaign with a window {@code [start, end)} minutes on {@code days}. */
  public void add(
      LocalDate date, ZoneId zone, int startMinute, int endMinute, Set<DayOfWeek> days) {
    campaigns.add(new Campaign(date, zone, startMinute, endMinute, days));
  }

  /** One tick at {@code now}: scans every campaign and fires the due ones; returns how many. */
  public int tick(Instant now) {
    return tick(now, index -> {});
  }

  /** One tick at {@code now}, telling {@code onFired} the index of each campaign it fires. */
  public int tick(Instant now, IntConsumer onFired) {
    int fired = 0;
    for (int i = 0; i < campaigns.size(); i++) {
      Campaign campaign = campaigns.get(i);
      if (!campaign.scheduled) {
        continue;
      }
      ZonedDateTime local = now.atZone(campaign.zone);
      if (local.toLocalDate().isBefore(campaign.scheduledDate) || !windowOpen(campaign, local)) {
        continue;
      }
      campaign.scheduled = false;
      running.add(campaign);
      onFired.accept(i);
      fired++;
    }
    return fired;
  }

  /** Puts every campaign back to scheduled (between benchmark iterations). */
  public void reset() {
    for (Campaign campaign : campaigns) {
      campaign.scheduled = true;
    }
    running.clear();
  }

  public int runningCount() {
    return running.size();
  }

  /** The window rule of SPEC §3 on the local wall clock, minute precision. */
  static boolean windowOpen(Campaign campaign, ZonedDateTime local) {
    int minute = local.getHour() * 60 + local.getMinute();
    DayOfWeek day = local.getDayOfWeek();
    if (campaign.startMinute < campaign.endMinute) {
      return campaign.days.contains(day)
          && minute >= campaign.startMinute
          && minute < campaign.endMinute;
    }
    return minute >= campaign.startMinute
        ? campaign.days.contains(day)
        : minute < campaign.endMinute && campaign.days.contains(day.minus(1));
  }

  /** The same check for one window, for the window benchmark's java.time reference. */
  public static boolean isOpen(
      Instant t, ZoneId zone, int startMinute, int endMinute, Set<DayOfWeek> days) {
    return windowOpen(
        new Campaign(LocalDate.MIN, zone, startMinute, endMinute, days), t.atZone(zone));
  }
}
