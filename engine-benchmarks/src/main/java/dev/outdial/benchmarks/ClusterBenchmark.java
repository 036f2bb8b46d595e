package dev.outdial.benchmarks;

import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.store.KeyLease;
import dev.outdial.store.KeyLeases;
import dev.outdial.store.KeyStore;
import dev.outdial.store.LeaseTerms;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 13: a cluster of {@code nodes} Outdial nodes on one embedded PostgreSQL server. Each node
 * is a {@link BenchNode} (its own pool, {@code KeyLeases} and {@code KeyStores}) in this JVM, and
 * runs on a thread of its own; the JMH thread hands each node its work and waits for all of them.
 * Nodes, database and benchmark share one machine.
 *
 * <ul>
 *   <li>{@link #claim}: {@link #KEYS} keys; each node repeatedly claims one key ({@code claim()},
 *       one key a claim) and releases it ({@code release(key)}). Read {@code claim:claims}: keys
 *       claimed per second across the cluster; the primary score is claims per second per node.
 *   <li>{@link #start}: each node holds one key, through a fenced {@code KeyStore} of its own, and
 *       runs a deterministic engine over it holding one campaign of {@link #CALLS} ÷ {@code nodes}
 *       recipients (created outside the measurement). One invocation starts every call of every
 *       node, the nodes at once: as in {@link StartBenchmark}, {@code runDue()} passes of up to
 *       {@code perPass} calls, each committing their intents (with the previous pass's ends) in one
 *       transaction that first runs the lease fence ({@code requireHeld}), then dialling them.
 *       Score: time per call started across the cluster, so call starts per second = 10^9 / score
 *       in ns.
 * </ul>
 *
 * <p>Leases last 10 minutes here, so that no renewal runs during a measurement; the fence in every
 * commit and the self-fence before it are checked as in the server.
 */
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ClusterBenchmark {
  public static final int KEYS = 64;
  public static final int CALLS = 60_000;

  /** Claim-and-release rounds each node runs per {@link #claim} invocation. */
  public static final int ROUNDS = 20;

  private static final LeaseTerms TERMS = new LeaseTerms(Duration.ofMinutes(10), 1);

  /** The nodes' threads: node i's work always runs on thread i. */
  static final class NodeThreads implements AutoCloseable {
    private final List<ExecutorService> threads = new ArrayList<>();

    NodeThreads(int nodes) {
      for (int i = 0; i < nodes; i++) {
        String name = "node-" + i;
        threads.add(Executors.newSingleThreadExecutor(work -> new Thread(work, name)));
      }
    }

    /** Runs {@code work} of node i on thread i, all at once; the sum of what they return. */
    long runAll(List<Callable<Long>> work) {
      List<Future<Long>> running = new ArrayList<>();
      for (int i = 0; i < work.size(); i++) {
        running.add(threads.get(i).submit(work.get(i)));
      }
      long sum = 0;
      try {
        for (Future<Long> done : running) {
          sum += done.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the nodes worked", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("a node failed: " + e.getCause(), e.getCause());
      }
      return sum;
    }

    @Override
    public void close() {
      threads.forEach(ExecutorService::shutdownNow);
    }
  }

  /** Registers {@code count} nodes on a new database, each with a pool of {@code poolSize}. */
  static List<BenchNode> cluster(int count, int poolSize) {
    String url = Stores.newPostgresUrl();
    List<BenchNode> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      nodes.add(BenchNode.join(url, "node-" + i, TERMS, poolSize, UnaryOperator.identity()));
    }
    return nodes;
  }

  static void leave(List<BenchNode> nodes) {
    nodes.forEach(BenchNode::close);
  }

  @State(Scope.Benchmark)
  public static class Claims {
    @Param({"1", "2", "3"})
    public int nodes;

    List<BenchNode> cluster = List.of();
    NodeThreads threads;

    @Setup(Level.Trial)
    public void join() {
      threads = new NodeThreads(nodes);
      cluster = cluster(nodes, 2);
      cluster
          .get(0)
          .leases()
          .add(IntStream.range(0, KEYS).mapToObj(i -> String.format("key-%02d", i)).toList());
    }

    @TearDown(Level.Trial)
    public void leave() {
      threads.close();
      ClusterBenchmark.leave(cluster);
    }
  }

  /** What {@link #claim} counted in an iteration; JMH reports each field per second. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Claimed {
    /** Keys claimed, across the cluster. */
    public long claims;

    /** Claims that found no key to take (every free row locked by another node's claim). */
    public long misses;

    @Setup(Level.Iteration)
    public void reset() {
      claims = 0;
      misses = 0;
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(ROUNDS)
  @Warmup(iterations = 2, time = 2)
  @Measurement(iterations = 3, time = 3)
  public long claim(Claims state, Claimed counted) {
    List<Callable<Long>> work = new ArrayList<>();
    for (BenchNode node : state.cluster) {
      work.add(() -> claimAndRelease(node.leases()));
    }
    long claimed = state.threads.runAll(work);
    counted.claims += claimed;
    counted.misses += (long) ROUNDS * state.nodes - claimed;
    return claimed;
  }

  private static long claimAndRelease(KeyLeases leases) {
    long claimed = 0;
    for (int round = 0; round < ROUNDS; round++) {
      for (KeyLease lease : leases.claim()) {
        claimed++;
        Checks.require(leases.release(lease.keyId()), "a claimed key is held until released");
      }
    }
    return claimed;
  }

  /** One node's key engine: its fenced key store, a deterministic engine over it, its campaign. */
  static final class KeyEngine {
    final OutdialEngine engine;
    final Dialers.BatchEnding dialer = new Dialers.BatchEnding();
    final int calls;

    KeyEngine(KeyStore store, int perPass, int calls, long firstPhone) {
      this.calls = calls;
      engine =
          Fixtures.engine(
              new SettableClock(Fixtures.FIRE_AT),
              dialer,
              new KeyLimits(perPass, 1e9, Integer.MAX_VALUE),
              store);
      engine.create(
          store.lease().keyId(),
          Fixtures.scheduled(Fixtures.FIRE_DATE, Fixtures.recipients(firstPhone, calls)));
    }

    /** Starts every call of the campaign, pass by pass; the calls started. */
    long startAll() {
      while (dialer.dialled < calls) {
        long before = dialer.dialled;
        engine.runDue();
        Checks.require(dialer.dialled > before, "each pass starts calls");
        dialer.endAll();
      }
      return dialer.dialled;
    }
  }

  @State(Scope.Benchmark)
  public static class Starts {
    @Param({"1", "2", "3"})
    public int nodes;

    @Param({"1000"})
    public int perPass;

    NodeThreads threads;
    List<BenchNode> cluster = List.of();
    List<KeyEngine> engines = List.of();

    @Setup(Level.Trial)
    public void threads() {
      threads = new NodeThreads(nodes);
    }

    @Setup(Level.Iteration)
    public void join() {
      cluster = cluster(nodes, 2);
      cluster.get(0).leases().add(IntStream.range(0, nodes).mapToObj(i -> "key-" + i).toList());
      int calls = CALLS / nodes;
      List<KeyEngine> started = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        started.add(
            new KeyEngine(cluster.get(i).claimOneStore(), perPass, calls, (long) i * calls));
      }
      engines = started;
    }

    @TearDown(Level.Iteration)
    public void leave() {
      for (KeyEngine key : engines) {
        Checks.require(
            key.dialer.dialled == key.calls,
            "every call was dialled, was " + key.dialer.dialled + " of " + key.calls);
        key.engine.close();
      }
      ClusterBenchmark.leave(cluster);
    }

    @TearDown(Level.Trial)
    public void stop() {
      threads.close();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @OperationsPerInvocation(CALLS)
  @Warmup(iterations = 2)
  @Measurement(iterations = 3)
  public long start(Starts state) {
    List<Callable<Long>> work = new ArrayList<>();
    for (KeyEngine key : state.engines) {
      work.add(key::startAll);
    }
    return state.threads.runAll(work);
  }
}
