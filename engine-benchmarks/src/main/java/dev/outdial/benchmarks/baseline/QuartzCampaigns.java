package dev.outdial.benchmarks.baseline;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.Trigger.CompletedExecutionInstruction;
import org.quartz.TriggerBuilder;
import org.quartz.impl.DirectSchedulerFactory;
import org.quartz.impl.JobExecutionContextImpl;
import org.quartz.simpl.RAMJobStore;
import org.quartz.simpl.SimpleJobFactory;
import org.quartz.simpl.ZeroSizeThreadPool;
import org.quartz.spi.OperableTrigger;
import org.quartz.spi.TriggerFiredBundle;
import org.quartz.spi.TriggerFiredResult;

/**
 * BASELINE, NOT OUTDIAL: campaigns held by Quartz 2.5 as cron triggers in its in-memory {@link
 * RAMJobStore}, the way a user of Quartz would hold them: one job and one trigger per campaign,
 * {@code 0 M H ? * MON-FRI} in the campaign's zone starting at its scheduled date, so the first
 * fire is the first window opening on or after that date — the engine's {@code fires_at}.
 *
 * <p>Scheduling goes through the public {@link Scheduler#scheduleJob} of a scheduler that is never
 * started (no job thread runs). Firing does, on the calling thread, the work Quartz's scheduler
 * thread and its {@code JobRunShell} do for each due trigger: acquire due triggers from the store
 * in batches of {@link #BATCH} (Quartz's {@code batchTriggerAcquisitionMaxCount} raised to a
 * 10-thread pool), mark them fired (which computes each trigger's next fire time), create the job
 * through the job factory, run it (it counts), and report it complete. Thread hand-off, listeners
 * and the scheduler thread's sleeps are left out, so Quartz's firing cost is a lower bound on what
 * Quartz's scheduler thread spends on the same triggers.
 *
 * <p>A campaign's first firing can also be held as a {@link SimpleTrigger} that fires once at an
 * instant the user computed ({@link #scheduleOnce}): Quartz then computes no cron time at all, and
 * firing is several times cheaper. That is the stronger baseline for firing; the cron trigger is
 * what a user who lets Quartz find the window's opening writes.
 */
public final class QuartzCampaigns implements AutoCloseable {
  /** Triggers acquired per store round-trip. */
  public static final int BATCH = 10;

  /** How far ahead Quartz's idle scheduler thread looks for triggers (its idleWaitTime). */
  public static final long IDLE_WAIT_MILLIS = 30_000;

  private static long schedulers;

  /** Counts executions; its only work. */
  public static final class CountingJob implements Job {
    static long executions;

    @Override
    public void execute(JobExecutionContext context) {
      executions++;
    }
  }

  /** Places the campaign's first call (the one thing it does); campaign id and phone from data. */
  public static final class DiallingJob implements Job {
    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
      try {
        FirstDial dial = (FirstDial) context.getScheduler().getContext().get(FIRST_DIAL);
        dial.dial(
            context.getJobDetail().getKey().getName(),
            context.getMergedJobDataMap().getLong(PHONE));
      } catch (SchedulerException e) {
        throw new JobExecutionException(e);
      }
    }
  }

  private static final String FIRST_DIAL = "firstDial";
  private static final String PHONE = "phone";

  private final RAMJobStore store = new RAMJobStore();
  private final Scheduler scheduler;
  private final SimpleJobFactory jobs = new SimpleJobFactory();
  private int count;

  public QuartzCampaigns() {
    this(null);
  }

  /** With {@code firstDial} for the jobs of {@link #scheduleOnceDialling}. */
  public QuartzCampaigns(@Nullable FirstDial firstDial) {
    // The benchmark chooses the instants; never let Quartz treat a trigger as misfired against the
    // machine's real clock.
    store.setMisfireThreshold(Long.MAX_VALUE / 4);
    String name = "baseline-" + (schedulers++);
    try {
      DirectSchedulerFactory factory = DirectSchedulerFactory.getInstance();
      factory.createScheduler(name, name, new ZeroSizeThreadPool(), store);
      this.scheduler = factory.getScheduler(name);
      if (firstDial != null) {
        scheduler.getContext().put(FIRST_DIAL, firstDial);
      }
    } catch (SchedulerException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Schedules a campaign as a job and a trigger that fires once, at {@code firesAt}. */
  public void scheduleOnce(Instant firesAt) {
    int id = count++;
    add(JobBuilder.newJob(CountingJob.class).withIdentity("campaign-" + id).build(), id, firesAt);
  }

  /** Like {@link #scheduleOnce}, with a job that dials {@code phone} (E.164 digits) when fired. */
  public void scheduleOnceDialling(Instant firesAt, long phone) {
    int id = count++;
    add(
        JobBuilder.newJob(DiallingJob.class)
            .withIdentity("campaign-" + id)
            .usingJobData(PHONE, phone)
            .build(),
        id,
        firesAt);
  }

  private void add(JobDetail job, int id, Instant firesAt) {
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity("fires-" + id)
            .forJob(job)
            .startAt(Date.from(firesAt))
            .withSchedule(SimpleScheduleBuilder.simpleSchedule().withRepeatCount(0))
            .build();
    try {
      scheduler.scheduleJob(job, trigger);
    } catch (SchedulerException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Schedules a campaign due on {@code date} in {@code zone} whose window starts at {@code
   * startMinute} on {@code days}: first fire at the window's first opening on or after the date.
   */
  public void schedule(LocalDate date, ZoneId zone, int startMinute, Set<DayOfWeek> days) {
    int id = count++;
    JobDetail job = JobBuilder.newJob(CountingJob.class).withIdentity("campaign-" + id).build();
    String cron = "0 " + startMinute % 60 + " " + startMinute / 60 + " ? * " + cronDays(days);
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity("fires-" + id)
            .forJob(job)
            .startAt(Date.from(date.atStartOfDay(zone).toInstant()))
            .withSchedule(
                CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone(zone)))
            .build();
    try {
      scheduler.scheduleJob(job, trigger);
    } catch (SchedulerException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Fires every trigger due at {@code now}, as the scheduler thread would; returns how many. */
  public int fireDue(Instant now) {
    long noLaterThan = now.toEpochMilli();
    int fired = 0;
    try {
      while (true) {
        List<OperableTrigger> acquired = store.acquireNextTriggers(noLaterThan, BATCH, 0L);
        if (acquired.isEmpty()) {
          return fired;
        }
        for (TriggerFiredResult result : store.triggersFired(acquired)) {
          TriggerFiredBundle bundle = result.getTriggerFiredBundle();
          if (bundle == null) {
            continue;
          }
          Job job = jobs.newJob(bundle, scheduler);
          job.execute(new JobExecutionContextImpl(scheduler, bundle, job));
          store.triggeredJobComplete(
              bundle.getTrigger(), bundle.getJobDetail(), CompletedExecutionInstruction.NOOP);
          fired++;
        }
      }
    } catch (SchedulerException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One pass of Quartz's idle scheduler thread at {@code now}: look for triggers due within its
   * idle wait; returns how many it found (none, when idle).
   */
  public int idlePass(Instant now) {
    List<OperableTrigger> acquired =
        store.acquireNextTriggers(now.toEpochMilli() + IDLE_WAIT_MILLIS, BATCH, 0L);
    for (OperableTrigger trigger : acquired) {
      store.releaseAcquiredTrigger(trigger);
    }
    return acquired.size();
  }

  public int size() {
    return store.getNumberOfTriggers();
  }

  @Override
  public void close() {
    try {
      scheduler.shutdown(false);
    } catch (SchedulerException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String cronDays(Set<DayOfWeek> days) {
    return days.stream().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(","));
  }
}
