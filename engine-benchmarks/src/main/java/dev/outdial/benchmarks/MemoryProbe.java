package dev.outdial.benchmarks;

import dev.outdial.engine.internal.EngineCore;
import dev.outdial.engine.internal.RecipientExtras;
import dev.outdial.engine.spi.KeyLimits;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
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
 * <p>Arguments: {@code recipients variables(none|two) repetitions}.
 */
public final class MemoryProbe {
  private MemoryProbe() {}

  public static void main(String[] args) {
    int recipients = Integer.parseInt(args[0]);
    boolean variables = args[1].equals("two");
    int repetitions = Integer.parseInt(args[2]);
    for (int rep = -1; rep < repetitions; rep++) {
      double perRecipient = measure(recipients, variables);
      if (rep >= 0) {
        System.out.println(String.format(Locale.ROOT, "bytes-per-recipient %.3f", perRecipient));
      }
    }
  }

  private static double measure(int recipients, boolean variables) {
    EngineCore engine = Fixtures.core(new Dialers.Silent(), KeyLimits.DEFAULT);
    engine.create(
        "key",
        Fixtures.spec(Fixtures.FIRE_DATE, Fixtures.phones(0, 1), null),
        Fixtures.BEFORE_FIRE);
    long before = usedAfterGc();
    create(engine, recipients, variables);
    long after = usedAfterGc();
    Reference.reachabilityFence(engine);
    return (double) (after - before) / recipients;
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
        "key",
        Fixtures.spec(Fixtures.FIRE_DATE, Fixtures.phones(1, recipients), extras),
        Fixtures.BEFORE_FIRE);
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
