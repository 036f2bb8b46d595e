package dev.outdial.benchmarks;

import dev.outdial.benchmarks.report.Measured;
import dev.outdial.benchmarks.report.Report;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.profile.StackProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Runs the whole suite through JMH's {@link Runner}, baselines in the same run, then the heap
 * measurement in its own JVM, and writes the JMH JSON, the markdown tables and the SVG plots.
 *
 * <pre>
 * java -jar engine-benchmarks/target/benchmarks.jar          # full: docs/benchmarks.md + SVGs
 * java -jar engine-benchmarks/target/benchmarks.jar quick    # smoke run, every benchmark once
 * </pre>
 *
 * Run from the repository root. The full run rewrites the generated section of {@code
 * docs/benchmarks.md} and {@code docs/benchmarks-*.svg}; the quick run writes the same files under
 * {@code engine-benchmarks/target/quick/} and leaves docs alone. JMH's JSON goes to {@code
 * engine-benchmarks/target/}. Optional: {@code --only REGEX} runs the plans whose name matches and
 * writes under {@code engine-benchmarks/target/only/}, also leaving docs alone.
 */
public final class BenchmarkSuite {
  private static final List<String> SIZES = List.of("1000", "10000", "100000", "1000000");
  private static final List<String> QUARTZ_SIZES = List.of("1000", "10000", "100000");

  private final boolean quick;
  private final Path root;
  private final List<RunResult> results = new ArrayList<>();
  private final Map<String, String> profiles = new LinkedHashMap<>();

  private BenchmarkSuite(boolean quick, Path root) {
    this.quick = quick;
    this.root = root;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = Arrays.asList(args).contains("quick");
    String only = null;
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--only")) {
        only = args[i + 1];
      }
    }
    Path root = Path.of("").toAbsolutePath();
    if (!Files.isDirectory(root.resolve("engine-benchmarks"))) {
      throw new IllegalStateException("run from the repository root (no engine-benchmarks/ here)");
    }
    new BenchmarkSuite(quick, root).run(only);
  }

  /** One JMH run: a benchmark regex, parameter values and iteration counts. */
  private record Plan(
      String name,
      String include,
      Map<String, List<String>> params,
      int warmups,
      int measurements,
      double seconds,
      boolean gc,
      boolean stack) {}

  private List<Plan> plans() {
    List<Plan> plans = new ArrayList<>();
    if (quick) {
      Map<String, List<String>> smallest = Map.of("campaigns", List.of("1000"));
      plans.add(plan("calibration", "CalibrationBenchmark", Map.of(), 0, 1, 0.2, false));
      plans.add(plan("idle", "IdleTickBenchmark", smallest, 0, 1, 0.2, false));
      plans.add(plan("fire", "FireBenchmark", smallest, 0, 1, 0, false));
      plans.add(
          plan("firedial", "FireDialBenchmark", Map.of("keys", List.of("10")), 0, 1, 0, false));
      plans.add(plan("dispatch", "DispatchBenchmark", Map.of(), 0, 1, 0, true));
      plans.add(plan("bucket", "TokenBucketBenchmark", Map.of(), 0, 1, 0.2, false));
      plans.add(plan("window", "WindowBenchmark", Map.of(), 0, 1, 0.2, false));
      plans.add(
          plan("e2e", "EndToEndBenchmark", Map.of("perCampaign", List.of("100")), 0, 1, 0, true));
      plans.add(plan("create", "CreateBenchmark", Map.of(), 0, 1, 0, false));
      plans.add(plan("phones", "PhoneCheckBenchmark", Map.of(), 0, 1, 0.2, false));
      return plans;
    }
    plans.add(plan("calibration", "CalibrationBenchmark", Map.of(), 2, 5, 1, false));
    plans.add(
        plan(
            "idle",
            "IdleTickBenchmark\\.(outdial|seedPoller|precomputedPoller)$",
            Map.of("campaigns", SIZES),
            3,
            5,
            1,
            false));
    plans.add(
        plan(
            "idle-quartz",
            "IdleTickBenchmark\\.quartz$",
            Map.of("campaigns", QUARTZ_SIZES),
            3,
            5,
            1,
            false));
    // Single shots: more iterations where a fresh set of campaigns is cheap to build. Quartz takes
    // about a minute to schedule and fire 10^5 triggers here, so it gets fewer, and no 10^6.
    int[][] ours = {{20, 30}, {10, 20}, {5, 10}, {2, 5}};
    int[][] quartz = {{10, 20}, {3, 8}, {0, 2}};
    for (int s = 0; s < SIZES.size(); s++) {
      Map<String, List<String>> size = Map.of("campaigns", List.of(SIZES.get(s)));
      plans.add(
          plan(
              "fire-" + SIZES.get(s),
              "FireBenchmark\\.(outdial|outdialServerListener|seedPoller|precomputedPoller"
                  + "|scheduleOutdial)$",
              size,
              ours[s][0],
              ours[s][1],
              0,
              false));
      if (s < quartz.length) {
        plans.add(
            plan(
                "fire-quartz-" + SIZES.get(s),
                "FireBenchmark\\.(quartz|quartzOnce|scheduleQuartz|scheduleQuartzOnce)$",
                size,
                quartz[s][0],
                quartz[s][1],
                0,
                false));
      }
    }
    // Fire and first dial: 10^5 campaigns a shot, over 10, 1,000 and 100,000 keys; the baselines
    // have no keys. Quartz schedules 10^5 triggers before each shot, so it gets fewer.
    plans.add(
        plan(
            "firedial",
            "FireDialBenchmark\\.outdial$",
            Map.of("keys", List.of("10", "1000", "100000")),
            3,
            8,
            0,
            false));
    plans.add(
        plan(
            "firedial-pollers",
            "FireDialBenchmark\\.(seedPoller|precomputedPoller)$",
            Map.of(),
            3,
            8,
            0,
            false));
    plans.add(plan("firedial-quartz", "FireDialBenchmark\\.quartzOnce$", Map.of(), 1, 3, 0, false));
    plans.add(plan("dispatch", "DispatchBenchmark", Map.of(), 5, 10, 0, true));
    plans.add(plan("bucket", "TokenBucketBenchmark", Map.of(), 3, 5, 1, false));
    plans.add(plan("window", "WindowBenchmark", Map.of(), 3, 5, 1, false));
    plans.add(plan("e2e", "EndToEndBenchmark", Map.of(), 1, 4, 0, true));
    // Issue 12: one create of 10^5 E.164 recipients, checks included, and one phone's check.
    plans.add(plan("create", "CreateBenchmark", Map.of(), 5, 10, 0, false));
    plans.add(plan("phones", "PhoneCheckBenchmark", Map.of(), 3, 5, 1, false));
    // Where the time goes: stack samples, apart from the measured runs above.
    plans.add(
        new Plan(
            "profile-dispatch",
            "DispatchBenchmark",
            Map.of("keys", List.of("1")),
            3,
            10,
            0,
            false,
            true));
    plans.add(new Plan("profile-e2e", "EndToEndBenchmark", Map.of(), 0, 2, 0, false, true));
    return plans;
  }

  private static Plan plan(
      String name,
      String include,
      Map<String, List<String>> params,
      int warmups,
      int measurements,
      double seconds,
      boolean gc) {
    return new Plan(name, include, params, warmups, measurements, seconds, gc, false);
  }

  private void run(String only) throws RunnerException, IOException, InterruptedException {
    Instant started = Instant.now();
    System.setProperty(
        "outdial.benchmarks.loadAtStart",
        String.format(
            java.util.Locale.ROOT,
            "%.2f",
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage()));
    for (Plan plan : plans()) {
      if (only != null && !plan.name().matches(only)) {
        continue;
      }
      ChainedOptionsBuilder options =
          new OptionsBuilder()
              .include("dev\\.outdial\\.benchmarks\\." + plan.include())
              // The smoke run stays in this JVM to finish in under two minutes.
              .forks(quick ? 0 : 1)
              .warmupIterations(plan.warmups())
              .measurementIterations(plan.measurements())
              .shouldFailOnError(true)
              // A full GC before each iteration, so that garbage from building 10^6 campaigns is
              // not collected inside the measured single shot.
              .shouldDoGC(true);
      if (plan.seconds() > 0) {
        options
            .warmupTime(TimeValue.milliseconds((long) (plan.seconds() * 1000)))
            .measurementTime(TimeValue.milliseconds((long) (plan.seconds() * 1000)));
      }
      plan.params().forEach((key, values) -> options.param(key, values.toArray(String[]::new)));
      if (plan.gc()) {
        options.addProfiler(GCProfiler.class);
      }
      if (plan.stack()) {
        options.addProfiler(StackProfiler.class, "lines=3;top=12;period=2");
      }
      System.out.println("### plan " + plan.name());
      for (RunResult result : new Runner(options.build()).run()) {
        if (plan.stack()) {
          profiles.put(
              plan.name() + " " + Measured.label(result),
              result.getSecondaryResults().get("stack").extendedInfo());
        } else {
          results.add(result);
        }
      }
    }
    Map<String, ListStatistics> memory = new LinkedHashMap<>();
    if (only == null || "memory".matches(only)) {
      int recipients = quick ? 100_000 : 1_000_000;
      int repetitions = quick ? 2 : 5;
      memory.put("none", probeMemory(recipients, "none", repetitions));
      memory.put("two", probeMemory(recipients, "two", repetitions));
      memory.put("campaigns", probeMemory(recipients, "campaigns", repetitions));
    }
    Map<String, ListStatistics[]> cpu = new LinkedHashMap<>();
    if (only == null || "cpu".matches(only)) {
      for (int keys : new int[] {1, 1000}) {
        cpu.put(String.valueOf(keys), probeCpu(keys, quick ? 1 : 10, quick ? 2 : 10));
      }
    }
    Duration took = Duration.between(started, Instant.now());
    // Only a full run of every plan may replace the tables in docs/: a partial one would drop the
    // rest of the last full run's figures.
    String kind = quick ? "quick" : only != null ? "only" : null;
    Path out =
        kind == null ? root.resolve("docs") : root.resolve("engine-benchmarks/target/" + kind);
    Files.createDirectories(out);
    Path json =
        root.resolve(
            "engine-benchmarks/target/jmh-result" + (kind == null ? "" : "-" + kind) + ".json");
    Files.createDirectories(json.getParent());
    try (PrintStream stream = new PrintStream(Files.newOutputStream(json), true, "UTF-8")) {
      ResultFormatFactory.getInstance(ResultFormatType.JSON, stream).writeOut(results);
    }
    new Report(results, memory, cpu, profiles, quick, only, took).write(out);
    System.out.println("JMH results: " + root.relativize(json));
    System.out.println("tables and plots: " + root.relativize(out) + " (took " + took + ")");
  }

  /** Runs {@link MemoryProbe} in a fresh JVM; one value per repetition. */
  private ListStatistics probeMemory(int recipients, String variables, int repetitions)
      throws IOException, InterruptedException {
    ListStatistics values = new ListStatistics();
    for (String line :
        probe(
            List.of("-Xms8g", "-Xmx8g", "-XX:+UseSerialGC"),
            MemoryProbe.class,
            String.valueOf(recipients),
            variables,
            String.valueOf(repetitions))) {
      if (line.startsWith("bytes-per-")) {
        values.addValue(Double.parseDouble(line.substring(line.indexOf(' ') + 1)));
      }
    }
    if (values.getN() != repetitions) {
      throw new IllegalStateException("memory probe failed (" + variables + ")");
    }
    return values;
  }

  /** Runs {@link CpuProbe} in a fresh JVM: wall and CPU ns per call, one pair per repetition. */
  private ListStatistics[] probeCpu(int keys, int warmups, int repetitions)
      throws IOException, InterruptedException {
    ListStatistics wall = new ListStatistics();
    ListStatistics cpu = new ListStatistics();
    for (String line :
        probe(
            List.of("-Xms6g", "-Xmx6g"),
            CpuProbe.class,
            String.valueOf(keys),
            String.valueOf(warmups),
            String.valueOf(repetitions))) {
      String[] words = line.split(" ");
      if (words.length == 5 && words[0].equals("ns-per-call")) {
        wall.addValue(Double.parseDouble(words[2]));
        cpu.addValue(Double.parseDouble(words[4]));
      }
    }
    if (cpu.getN() != repetitions) {
      throw new IllegalStateException("CPU probe failed (" + keys + " keys)");
    }
    return new ListStatistics[] {wall, cpu};
  }

  /** Runs {@code main} of a class of this jar in a fresh JVM; its output lines. */
  private static List<String> probe(List<String> jvmArgs, Class<?> main, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    System.out.println("### " + main.getSimpleName() + " " + String.join(" ", args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        System.out.println(line);
        lines.add(line);
      }
    }
    if (process.waitFor() != 0) {
      throw new IllegalStateException(main.getSimpleName() + " failed");
    }
    return lines;
  }
}
