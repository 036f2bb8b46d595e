package dev.outdial.benchmarks;

import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.Recovery;
import dev.outdial.engine.internal.state.EngineCore;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.spi.KeyLimitsSource;
import dev.outdial.engine.spi.SuppressionList;
import dev.outdial.engine.store.CampaignStore;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.store.JdbcCampaignStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;

/**
 * Issue 12's target: recovery after a restart with many recipients waiting, on SQLite. Two modes,
 * each its own JVM:
 *
 * <ul>
 *   <li>{@code fill FILE CAMPAIGNS RECIPIENTS}: a durable engine on a new SQLite file creates
 *       {@code CAMPAIGNS} campaigns (over 10 keys) of {@code RECIPIENTS} distinct recipients each,
 *       scheduled for {@link Fixtures#FIRE_DATE} so that every recipient waits, then closes. The
 *       campaigns are built without the request checks (see {@link Fixtures#core}): what is
 *       measured is the restart, not the filling.
 *   <li>{@code recover FILE}: reads the used heap after a full GC, then times {@code
 *       OutdialEngine.builder()...store(JdbcCampaignStore.sqlite(FILE)).build()} at a moment before
 *       the window opens (nothing is due), prints {@code engine.recovery()}, the wall time of the
 *       build and the used heap after a full GC, absolute and above the first reading.
 * </ul>
 *
 * Run with {@code -XX:+UseSerialGC}, whose {@code System.gc()} is a full compacting collection.
 */
public final class RecoveryProbe {
  private static final int KEYS = 10;

  private RecoveryProbe() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[1]);
    switch (args[0]) {
      case "fill" -> fill(file, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      case "recover" -> recover(file);
      default ->
          throw new IllegalArgumentException("mode '" + args[0] + "' is not fill or recover");
    }
  }

  private static void fill(Path file, int campaigns, int recipients) throws Exception {
    if (Files.exists(file)) {
      throw new IllegalArgumentException(file + " exists: fill needs a new file");
    }
    long started = System.nanoTime();
    CampaignStore store = JdbcCampaignStore.sqlite(file);
    EngineCore core =
        new EngineCore(
            new Dialers.Silent(),
            EngineListener.none(),
            KeyLimitsSource.none(),
            KeyLimits.DEFAULT,
            Duration.ofHours(1),
            Duration.ofMinutes(2),
            Duration.ofHours(24),
            InstantSource.fixed(Fixtures.BEFORE_FIRE),
            store,
            SuppressionList.none());
    core.recover(Fixtures.BEFORE_FIRE);
    for (int c = 0; c < campaigns; c++) {
      core.create(
          "key-" + c % KEYS,
          Fixtures.spec(
              Fixtures.FIRE_DATE, Fixtures.phones((long) c * recipients, recipients), null),
          Fixtures.BEFORE_FIRE,
          null);
    }
    core.commitPending(Fixtures.BEFORE_FIRE);
    store.close();
    System.out.printf(
        Locale.ROOT,
        "filled %s: %d campaigns x %d recipients in %.1f s, %d MB%n",
        file,
        campaigns,
        recipients,
        (System.nanoTime() - started) / 1e9,
        Files.size(file) >> 20);
  }

  private static void recover(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(file + " does not exist: run fill first");
    }
    long before = usedAfterGc();
    long started = System.nanoTime();
    OutdialEngine engine =
        OutdialEngine.builder()
            .clock(new SettableClock(Fixtures.BEFORE_FIRE))
            .dialer(new Dialers.Silent())
            .agents(Fixtures.AGENTS)
            .store(JdbcCampaignStore.sqlite(file))
            .build();
    long took = System.nanoTime() - started;
    Recovery recovery = engine.recovery();
    long after = usedAfterGc();
    Reference.reachabilityFence(engine);
    System.out.println(recovery);
    System.out.printf(
        Locale.ROOT,
        "build-seconds %.3f%nheap-used-mb %.1f%nheap-above-start-mb %.1f%nbytes-per-waiting %.1f%n",
        took / 1e9,
        after / 1048576.0,
        (after - before) / 1048576.0,
        (double) (after - before) / Math.max(1, recovery.recipientsWaiting()));
    engine.close();
  }

  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
