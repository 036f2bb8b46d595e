package dev.outdial.benchmarks;

import dev.outdial.store.KeyLease;
import dev.outdial.store.KeyLeases;
import dev.outdial.store.LeaseTerms;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Issue 13: how many requests a cluster node sends to PostgreSQL, counted at JDBC by {@link
 * CountingDataSource} on one node of an embedded server: per call started through a fenced key
 * store (one {@link ClusterBenchmark.KeyEngine}, passes of 1, 10, 100 and 1,000 calls; every call
 * started, reported ended, and its end committed), and per lease claim, release and renewal. A
 * count, not a timing: the same on any machine.
 *
 * <pre>
 * java -cp engine-benchmarks/target/benchmarks.jar dev.outdial.benchmarks.ClusterRoundTrips
 * </pre>
 *
 * Prints one line per measure: what was counted, then the counts (statement executions, a batch
 * counted once; rows in batches; commits; rollbacks) and round trips (executions + commits +
 * rollbacks) per unit.
 */
public final class ClusterRoundTrips {
  private static final int CALLS = 2_000;

  private ClusterRoundTrips() {}

  public static void main(String[] args) {
    for (int perPass : new int[] {1, 10, 100, 1000}) {
      starts(perPass);
    }
    leases();
    System.exit(0);
  }

  private static void starts(int perPass) {
    String url = Stores.newPostgresUrl();
    CountingDataSource[] counter = new CountingDataSource[1];
    try (BenchNode node =
        BenchNode.join(
            url,
            "node-0",
            new LeaseTerms(Duration.ofMinutes(10), 1),
            2,
            database -> {
              counter[0] = new CountingDataSource(database);
              return counter[0].dataSource();
            })) {
      node.leases().add(List.of("key-0"));
      ClusterBenchmark.KeyEngine key =
          new ClusterBenchmark.KeyEngine(node.claimOneStore(), perPass, CALLS, 0);
      CountingDataSource.Counts before = counter[0].counts();
      key.startAll();
      key.engine.runDue(); // commits the last pass's ends, which close() does not run
      key.engine.close();
      CountingDataSource.Counts counted = counter[0].counts().since(before);
      Checks.require(key.dialer.dialled == CALLS, "every call was dialled");
      print("call start (and its end), passes of " + perPass, counted, CALLS);
    }
  }

  private static void leases() {
    String url = Stores.newPostgresUrl();
    CountingDataSource[] counter = new CountingDataSource[1];
    try (BenchNode node =
        BenchNode.join(
            url,
            "node-0",
            new LeaseTerms(Duration.ofMinutes(10), 1),
            2,
            database -> {
              counter[0] = new CountingDataSource(database);
              return counter[0].dataSource();
            })) {
      KeyLeases leases = node.leases();
      leases.add(IntStream.range(0, 64).mapToObj(i -> "key-" + i).toList());
      int times = 100;
      CountingDataSource.Counts claims = CountingDataSource.Counts.ZERO;
      CountingDataSource.Counts releases = CountingDataSource.Counts.ZERO;
      for (int i = 0; i < times; i++) {
        CountingDataSource.Counts before = counter[0].counts();
        List<KeyLease> claimed = leases.claim();
        CountingDataSource.Counts between = counter[0].counts();
        Checks.require(claimed.size() == 1, "a claim takes one key");
        leases.release(claimed.get(0).keyId());
        claims = claims.plus(between.since(before));
        releases = releases.plus(counter[0].counts().since(between));
      }
      print("lease claim (one key)", claims, times);
      print("lease release (one key)", releases, times);
      leases.claim();
      CountingDataSource.Counts before = counter[0].counts();
      for (int i = 0; i < times; i++) {
        leases.renew();
      }
      print("lease renewal (heartbeat, one key held)", counter[0].counts().since(before), times);
    }
  }

  private static void print(String what, CountingDataSource.Counts counted, int per) {
    System.out.println(
        String.format(
            Locale.ROOT,
            "%s: %d executions, %d batched rows, %d commits, %d rollbacks over %d;"
                + " %.3f round trips each",
            what,
            counted.executions(),
            counted.batchedRows(),
            counted.commits(),
            counted.rollbacks(),
            per,
            (double) counted.roundTrips() / per));
  }
}
