package dev.outdial.store;

import dev.outdial.engine.store.StoreException;
import dev.outdial.store.internal.KeyLeaseRows;
import dev.outdial.store.internal.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One node's leases on API keys, in a PostgreSQL database several Outdial nodes share: the
 * foundation of a cluster in which each key's dialling is owned by exactly one node at a time.
 *
 * <p>A key is held through its row in {@code key_leases}: an owner node, a fencing token that rises
 * each time the key changes hands, and an end ({@code expires_at}) that only the database's clock
 * sets and judges ({@code clock_timestamp()}); a node sends durations, never instants, so clock
 * skew between nodes cannot give one key two owners. A node {@link #claim claims} free or expired
 * keys with {@code SELECT … FOR UPDATE SKIP LOCKED} (no cluster-wide lock: claims never wait for
 * each other), {@link #renew renews} its leases by heartbeat, and {@link #release releases} them
 * when it stops. A write under a key is fenced by {@link #requireHeld}, inside the write's own
 * transaction: a node that lost the key cannot commit.
 *
 * <p>Each method but {@code requireHeld} runs one transaction on a connection of {@code database}.
 * Safe for several threads. See docs/cluster.md.
 */
public final class KeyLeases {
  private final DataSource database;
  private final String node;
  private final LeaseTerms terms;

  private KeyLeases(DataSource database, String node, LeaseTerms terms) {
    this.database = database;
    this.node = node;
    this.terms = terms;
  }

  /**
   * Registers {@code node} in {@code database}, after bringing its schema to the version this code
   * knows (as opening the store does). Leases an earlier process of the same id left are released,
   * so their tokens rise when claimed again and that process, should it still run, is fenced off.
   *
   * @param node this process's id in the cluster, unique among live nodes (for example host, pid
   *     and start time)
   * @throws IllegalArgumentException if {@code node} is blank
   * @throws StoreException if a live node already has the id, or the database fails
   */
  public static KeyLeases register(DataSource database, String node, LeaseTerms terms) {
    if (node.isBlank()) {
      throw new IllegalArgumentException("a node id must not be blank, not '" + node + "'");
    }
    KeyLeases leases = new KeyLeases(database, node, terms);
    leases.inTransaction(
        "registering",
        connection -> {
          KeyLeaseRows.migrate(connection, "the cluster database of node " + node);
          return null;
        });
    leases.inTransaction(
        "registering",
        connection -> {
          if (!KeyLeaseRows.register(connection, node, terms.duration())) {
            throw new StoreException(
                "node id "
                    + node
                    + " is in use by a live node until "
                    + KeyLeaseRows.nodeExpiry(connection, node).map(String::valueOf).orElse("?")
                    + " (database clock): two processes with one id would both own its keys;"
                    + " give each process its own id");
          }
          KeyLeaseRows.release(connection, node);
          return null;
        });
    return leases;
  }

  /** This node's id. */
  public String node() {
    return node;
  }

  /** How long this node's leases last and how many keys it claims at a time. */
  public LeaseTerms terms() {
    return terms;
  }

  /**
   * Makes {@code keys} claimable: a free lease row for each that has none.
   *
   * @return how many rows were added
   */
  public int add(Collection<String> keys) {
    if (keys.isEmpty()) {
      return 0;
    }
    return inTransaction(
        "adding " + keys.size() + " keys",
        connection -> KeyLeaseRows.add(connection, new TreeSet<>(keys)));
  }

  /**
   * Claims free or expired keys for this node, each with a token one higher than the key's last,
   * for {@link LeaseTerms#duration()} from now. Takes at most {@link LeaseTerms#claimLimit()}, and
   * none past this node's fair share (the keys divided by the live nodes, this one included,
   * rounded up). Never waits for a key another node is claiming, renewing or writing under: it
   * skips it.
   *
   * @return the keys claimed by this call, in key order; empty when none was free or this node has
   *     its share
   */
  public List<KeyLease> claim() {
    return inTransaction(
        "claiming keys",
        connection -> {
          KeyLeaseRows.Census census = KeyLeaseRows.census(connection, node);
          long share = ceilDiv(census.keys(), census.otherLiveNodes() + 1);
          long wanted = Math.min(terms.claimLimit(), share - census.held());
          if (wanted <= 0) {
            return List.of();
          }
          return leases(KeyLeaseRows.claim(connection, node, (int) wanted, terms.duration()));
        });
  }

  /**
   * The heartbeat: extends every lease this node owns by {@link LeaseTerms#duration()} from now,
   * and this node's registration with them. A lease that expired but that no other node claimed
   * since is renewed too, with its token unchanged: nobody else can have written under it.
   *
   * @return the leases this node holds now, in key order; a key it held before and that is missing
   *     was lost
   */
  public List<KeyLease> renew() {
    return inTransaction(
        "renewing leases",
        connection -> {
          KeyLeaseRows.heartbeat(connection, node, terms.duration());
          return leases(KeyLeaseRows.renew(connection, node, terms.duration()));
        });
  }

  /** The unexpired leases this node holds, in key order. */
  public List<KeyLease> held() {
    return inTransaction(
        "listing leases", connection -> leases(KeyLeaseRows.held(connection, node)));
  }

  /**
   * Releases every lease of this node at once, and deregisters it: other nodes may claim its keys
   * immediately. Call on shutdown, after the last write under them; a write still in flight holds
   * its keys until it ends, and the release waits for it.
   *
   * @return how many keys were released
   */
  public int release() {
    return inTransaction(
        "releasing leases",
        connection -> {
          int released = KeyLeaseRows.release(connection, node);
          KeyLeaseRows.forget(connection, node);
          return released;
        });
  }

  /**
   * Releases one key this node holds, for another node to claim at once (the key's token rises when
   * claimed). Call after the last write under it; a write in flight holds the key until it ends,
   * and the release waits for it.
   *
   * @return whether this node held the key
   */
  public boolean release(String keyId) {
    return inTransaction(
        "releasing key " + keyId, connection -> KeyLeaseRows.release(connection, node, keyId));
  }

  /**
   * This node's fair share of the keys: all keys divided by the live nodes, this one included,
   * rounded up. A node holding more gives keys back, one at a time, for a node that joined.
   */
  public long fairShare() {
    return inTransaction(
        "counting keys and nodes",
        connection -> {
          KeyLeaseRows.Census census = KeyLeaseRows.census(connection, node);
          return ceilDiv(census.keys(), census.otherLiveNodes() + 1);
        });
  }

  /** {@link #requireHeld(Connection, Collection)} for one key. */
  public void requireHeld(Connection transaction, KeyLease lease) throws SQLException {
    requireHeld(transaction, List.of(lease));
  }

  /**
   * The fence: throws unless this node still holds every key of {@code leases} with the same token,
   * unexpired. Call inside the write transaction it guards, on its connection, before its writes;
   * the lease rows then stay share-locked until that transaction ends, so no node can claim those
   * keys before it commits or rolls back (a claim skips them), and a new owner sees what it wrote.
   *
   * @throws KeyLeaseLostException naming the first key, in key order, this node no longer holds,
   *     and why; roll the transaction back
   * @throws IllegalStateException if {@code transaction} is in auto-commit mode (the lock would end
   *     with the statement)
   * @throws IllegalArgumentException if one key comes with two tokens
   */
  public void requireHeld(Connection transaction, Collection<KeyLease> leases) throws SQLException {
    if (leases.isEmpty()) {
      return;
    }
    if (transaction.getAutoCommit()) {
      throw new IllegalStateException(
          "requireHeld must run inside the write transaction it fences, but the connection is in"
              + " auto-commit mode: the lease rows would be unlocked before the write");
    }
    Map<String, Long> tokens = new TreeMap<>();
    for (KeyLease lease : leases) {
      Long other = tokens.putIfAbsent(lease.keyId(), lease.token());
      if (other != null && other != lease.token()) {
        throw new IllegalArgumentException(
            "key " + lease.keyId() + " comes with two tokens, " + other + " and " + lease.token());
      }
    }
    Map<String, KeyLeaseRows.Row> rows =
        KeyLeaseRows.lockForCheck(transaction, new TreeSet<>(tokens.keySet())).stream()
            .collect(Collectors.toMap(KeyLeaseRows.Row::keyId, Function.identity()));
    for (Map.Entry<String, Long> held : tokens.entrySet()) {
      String lost = lost(held.getKey(), held.getValue(), rows.get(held.getKey()));
      if (lost != null) {
        throw new KeyLeaseLostException(
            held.getKey(),
            "node "
                + node
                + " no longer holds key "
                + held.getKey()
                + " with token "
                + held.getValue()
                + ": "
                + lost
                + "; it must not write or dial for this key until it claims it again");
      }
    }
  }

  /** Why {@code row} shows this node lost {@code keyId}'s lease of {@code token}, or null. */
  private @Nullable String lost(String keyId, long token, KeyLeaseRows.@Nullable Row row) {
    if (row == null) {
      return "the key has no lease row";
    }
    if (row.owner() == null) {
      return "it was released (the key's token is " + row.token() + ")";
    }
    if (!row.owner().equals(node) || row.token() != token) {
      return "node " + row.owner() + " holds it with token " + row.token();
    }
    if (!row.live()) {
      return "the lease expired at " + row.expiresAt() + " (database clock) without renewal";
    }
    return null;
  }

  private static long ceilDiv(long dividend, long divisor) {
    return (dividend + divisor - 1) / divisor;
  }

  private static List<KeyLease> leases(List<KeyLeaseRows.Row> rows) {
    return rows.stream()
        .map(row -> new KeyLease(row.keyId(), row.token(), requireExpiry(row)))
        .toList();
  }

  private static Instant requireExpiry(KeyLeaseRows.Row row) {
    if (row.expiresAt() == null) {
      throw new IllegalStateException("a held lease of key " + row.keyId() + " has no end");
    }
    return row.expiresAt();
  }

  private <T> T inTransaction(String operation, Transactions.Work<T> work) {
    return Transactions.run(database, "node " + node + ": " + operation, work);
  }
}
