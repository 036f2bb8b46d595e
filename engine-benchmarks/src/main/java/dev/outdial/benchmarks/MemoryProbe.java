package dev.outdial.benchmarks;

import dev.outdial.engine.internal.check.RecipientExtras;
import dev.outdial.engine.internal.state.EngineCore;
import dev.outdial.engine.spi.KeyLimits;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark 5, memory, measured from the heap: retained bytes per waiting recipient of one
 * campaign. Run in its own JVM by {@link BenchmarkSuite} (with {@code -XX:+UseSerialGC}, whose
 * {@code System.gc()} is a full compacting collection). Each repetition: a live engine core that
 * has already created a one-recipient campaign (so classes, zone tables and maps are warm); full GC
 * and read the used heap; build the checked campaign (phone digits and, with variables, each
 * recipient's extras as the request checks make them: an immutable map of two entries whose values
 * are distinct strings), create it scheduled for a later day so every recipient waits, and drop
 * every reference but the engine's; full GC and read again. The difference divided by the
 * recipients is printed, one line per repetition after a discarded first one. The request's own
 * objects are not built (parsing 10^6 phones with libphonenumber takes minutes here; see {@link
 * Fixtures#core}) and would be garbage anyway.
 *
 * <p>With {@code campaigns} in place of the variables, the same measure of N waiting campaigns of
 * one recipient each over 10 keys, as the request checks make them (each its own window object and
 * phone array) and created at distinct instants (as requests arrive): bytes per campaign.
 *
 * <p>Arguments: {@code count variables(none|two|campaigns) repetitions}.
 */
public final class MemoryProbe {
  private MemoryProbe() {}

  public static void main(String[] args) {
    int count = Integer.parseInt(args[0]);
    boolean campaigns = args[1].equals("campaigns");
    boolean variables = args[1].equals("two");
    int repetitions = Integer.parseInt(args[2]);
    for (int rep = -1; rep < repetitions; rep++) {
      double perUnit = measure(count, variables, campaigns);
      if (rep >= 0) {
        System.out.println(
            String.format(
                Locale.ROOT,
                "%s %.3f",
                campaigns ? "bytes-per-campaign" : "bytes-per-recipient",
                perUnit));
      }
    }
  }

  private static double measure(int count, boolean variables, boolean campaigns) {
    EngineCore engine = Fixtures.core(new Dialers.Silent(), KeyLimits.DEFAULT);
    for (int k = 0; k < KEYS; k++) {
      engine.create(
          "key-" + k,
          Fixtures.spec(Fixtures.FIRE_DATE, Fixtures.phones(k, 1), null),
          Fixtures.BEFORE_FIRE,
          null);
    }
    long before = usedAfterGc();
    if (campaigns) {
      createCampaigns(engine, count);
    } else {
      create(engine, count, variables);
    }
    long after = usedAfterGc();
    Reference.reachabilityFence(engine);
    return (double) (after - before) / count;
  }

  /** Keys the engine knows before measuring (their state is not the campaigns'). */
  private static final int KEYS = 10;

  /** N one-recipient campaigns over the keys, each as the checks make it, created one by one. */
  private static void createCampaigns(EngineCore engine, int count) {
    Instant created = Fixtures.BEFORE_FIRE.minusSeconds(count);
    for (int i = 0; i < count; i++) {
      created = created.plusMillis(999); // a fresh Instant per request, as a clock gives
      engine.create(
          "key-" + i % KEYS,
          Fixtures.spec(Fixtures.FIRE_DATE, Fixtures.phones(KEYS + i, 1), null),
          created,
          null);
    }
  }

  /** Builds and creates the campaign; only the engine holds it when this returns. */
  private static void create(EngineCore engine, int recipients, boolean variables) {
    RecipientExtras[] extras = null;
    if (variables) {
      extras = new RecipientExtras[recipients];
      for (int i = 0; i < recipients; i++) {
        extras[i] =
            new RecipientExtras(
                Map.of("patient_name", "Patient " + (i + 1), "appointment", "09:" + i % 60), null);
      }
    }
    engine.create(
        "key-0",
        Fixtures.spec(Fixtures.FIRE_DATE, Fixtures.phones(KEYS, recipients), extras),
        Fixtures.BEFORE_FIRE,
        null);
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
