package dev.outdial.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.store.StoreException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Key leases on a real PostgreSQL (embedded binaries, one server for the class, a new database per
 * test). Each "node" is a {@link KeyLeases} on connections of its own. Expiry is forced on the
 * database's clock (its {@code expires_at} set into the past) except where a test needs it to pass
 * for real; then the lease is short and the test polls under a deadline.
 */
class KeyLeasesTest {
  private static final String USER = "postgres";
  private static final LeaseTerms TERMS = new LeaseTerms(Duration.ofSeconds(30), 16);
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static EmbeddedPostgres server;

  private String url;

  @BeforeAll
  static void startServer() throws IOException {
    server = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stopServer() throws IOException {
    server.close();
  }

  @BeforeEach
  void createDatabase() throws SQLException {
    url = EmbeddedDatabases.create(server, "lease_test");
    try (Connection connection = raw();
        Statement statement = connection.createStatement()) {
      // Stands in for the store's recipients: a call's intent, committed under its key's lease.
      statement.execute("CREATE TABLE intents (call TEXT PRIMARY KEY, node TEXT NOT NULL)");
    }
  }

  // --- one owner per key

  @Test
  void a_key_held_unexpired_by_one_node_is_never_claimed_by_another() {
    KeyLeases a = node("a");
    a.add(keys(10));
    assertEquals(keys(10), keyIds(a.claim()), "alone, a node may take every key");

    KeyLeases b = node("b");
    assertEquals(List.of(), b.claim());
    assertEquals(keys(10), keyIds(a.held()));
    assertEquals(List.of(), b.held());
  }

  @Test
  void claims_are_bounded_per_call_and_spread_keys_over_the_live_nodes() {
    LeaseTerms threeAtATime = new LeaseTerms(Duration.ofSeconds(30), 3);
    KeyLeases a = node("a", threeAtATime);
    KeyLeases b = node("b", threeAtATime);
    a.add(keys(10));

    List<Integer> sizes = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      sizes.add(a.claim().size());
      sizes.add(b.claim().size());
    }
    assertEquals(List.of(3, 3, 2, 2, 0, 0), sizes, "3 a claim, then no more than half of 10");
    Set<String> both = new HashSet<>(keyIds(a.held()));
    both.addAll(keyIds(b.held()));
    assertEquals(Set.copyOf(keys(10)), both);
  }

  @Test
  void a_node_that_joins_lowers_the_fair_share_and_a_key_given_back_is_claimed_by_it() {
    KeyLeases a = node("a");
    a.add(keys(6));
    assertEquals(6, a.claim().size());
    assertEquals(6, a.fairShare(), "alone: every key");

    KeyLeases b = node("b");
    assertEquals(3, a.fairShare(), "6 keys over 2 live nodes");
    assertEquals(List.of(), b.claim(), "nothing is free until a gives keys back");
    assertTrue(a.release(keys(6).get(5)));
    assertFalse(a.release(keys(6).get(5)), "a no longer holds it");
    assertEquals(List.of(keys(6).get(5)), keyIds(b.claim()));
    assertEquals(keys(6).subList(0, 5), keyIds(a.held()));
    assertFalse(b.release(keys(6).get(0)), "a node cannot give back another node's key");
    assertEquals(keys(6).subList(0, 5), keyIds(a.held()));
  }

  @Test
  void concurrent_claims_on_many_keys_give_each_key_exactly_one_owner() throws Exception {
    int nodes = 4;
    List<KeyLeases> cluster = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      cluster.add(node("n" + i, new LeaseTerms(Duration.ofSeconds(30), 7)));
    }
    cluster.get(0).add(keys(200));
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(nodes);
    List<Future<List<KeyLease>>> claimed = new ArrayList<>();
    try {
      for (KeyLeases node : cluster) {
        Callable<List<KeyLease>> claimUntilNone =
            () -> {
              start.await();
              List<KeyLease> mine = new ArrayList<>();
              for (List<KeyLease> got = node.claim(); !got.isEmpty(); got = node.claim()) {
                mine.addAll(got);
              }
              return mine;
            };
        claimed.add(threads.submit(claimUntilNone));
      }
      start.countDown();
      List<List<KeyLease>> perNode = new ArrayList<>();
      for (Future<List<KeyLease>> future : claimed) {
        // A deadlock would fail a claim (PostgreSQL aborts one side), a wait would hit
        // lock_timeout.
        perNode.add(new ArrayList<>(future.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)));
      }
      // A key skipped because another node was just claiming it stays free: claim the rest now.
      for (int i = 0; i < nodes; i++) {
        for (List<KeyLease> got = cluster.get(i).claim(); !got.isEmpty(); ) {
          perNode.get(i).addAll(got);
          got = cluster.get(i).claim();
        }
      }

      List<String> everyClaim = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        List<KeyLease> mine = perNode.get(i);
        everyClaim.addAll(keyIds(mine));
        assertTrue(mine.size() <= 50, "n" + i + " took more than its share: " + mine.size());
        assertEquals(Set.copyOf(keyIds(mine)), Set.copyOf(keyIds(cluster.get(i).held())), "n" + i);
        assertTrue(mine.stream().allMatch(lease -> lease.token() == 1), "each key claimed once");
      }
      assertEquals(200, everyClaim.size(), "no key was handed to two nodes: " + everyClaim);
      assertEquals(Set.copyOf(keys(200)), Set.copyOf(everyClaim));
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void a_claim_skips_keys_another_transaction_has_locked_instead_of_waiting() throws SQLException {
    KeyLeases a = node("a");
    a.add(keys(4));
    try (Connection other = raw()) {
      other.setAutoCommit(false);
      try (Statement lock = other.createStatement()) {
        lock.executeQuery(
            "SELECT key_id FROM key_leases WHERE key_id IN ('key_000', 'key_001') FOR UPDATE");
      }
      // The node's connections run with lock_timeout: had the claim waited, it would have failed.
      assertEquals(List.of("key_002", "key_003"), keyIds(a.claim()));
      other.commit();
    }
    assertEquals(List.of("key_000", "key_001"), keyIds(a.claim()));
  }

  // --- expiry and takeover, fenced

  @Test
  void an_expired_lease_is_taken_over_by_another_node_and_its_token_rises() throws SQLException {
    KeyLeases a = node("a");
    KeyLeases b = node("b");
    a.add(List.of("key_a"));
    assertEquals(List.of(1L), tokens(a.claim()));

    missesItsRenewals("a");
    List<KeyLease> takenOver = b.claim();
    assertEquals(List.of("key_a"), keyIds(takenOver));
    assertEquals(List.of(2L), tokens(takenOver));
    assertEquals(List.of(), a.held());
    assertEquals(List.of(), a.renew(), "a renewal finds the key gone");
  }

  @Test
  void the_old_holders_in_transaction_check_fails_once_another_node_took_the_key()
      throws SQLException {
    KeyLeases a = node("a");
    KeyLeases b = node("b");
    a.add(List.of("key_a"));
    KeyLease aLease = a.claim().get(0);
    commitIntent(a, aLease, "call_1");
    missesItsRenewals("a");
    KeyLease bLease = b.claim().get(0);

    KeyLeaseLostException lost =
        assertThrows(KeyLeaseLostException.class, () -> commitIntent(a, aLease, "call_2"));
    assertEquals("key_a", lost.keyId());
    assertEquals(
        "node a no longer holds key key_a with token 1: node b holds it with token 2; it must not"
            + " write or dial for this key until it claims it again",
        lost.getMessage());
    commitIntent(b, bLease, "call_3");
    assertEquals(List.of("call_1 a", "call_3 b"), intents(), "the fenced intent was not committed");
  }

  @Test
  void a_write_in_flight_keeps_its_key_from_a_takeover_until_it_commits() throws SQLException {
    KeyLeases a = node("a", new LeaseTerms(Duration.ofMillis(500), 16));
    KeyLeases b = node("b");
    a.add(List.of("key_a"));
    KeyLease aLease = a.claim().get(0);
    try (Connection transaction = raw()) {
      transaction.setAutoCommit(false);
      a.requireHeld(transaction, aLease);
      insertIntent(transaction, "call_1", "a");
      awaitExpiry("key_a"); // on the database's clock, while the write is still open

      assertEquals(List.of(), b.claim(), "the key is locked by a's write: skipped, not waited for");
      transaction.commit();
    }
    assertEquals(List.of(2L), tokens(b.claim()));
    assertEquals(List.of("call_1 a"), intents(), "the new owner sees what the old one committed");
  }

  @Test
  void a_node_frozen_inside_a_write_loses_its_session_so_its_key_can_be_taken_over()
      throws SQLException {
    try (PostgresPool pool = PostgresPool.open(url, USER, "", 2)) {
      KeyLeases a =
          KeyLeases.register(pool.dataSource(), "a", new LeaseTerms(Duration.ofMillis(500), 16));
      KeyLeases b = node("b");
      a.add(List.of("key_a"));
      KeyLease aLease = a.claim().get(0);
      try (Connection frozen = pool.dataSource().getConnection()) {
        a.requireHeld(frozen, aLease); // the lease row share-locked; then the node stops
        insertIntent(frozen, "call_1", "a");
        awaitExpiry("key_a");
        // PostgreSQL ends the idle transaction's session (PostgresPool.IDLE_IN_TRANSACTION),
        // which unlocks the row: the claim, skipping locked rows, then finds it.
        Instant deadline = Instant.now().plus(DEADLINE);
        List<KeyLease> claimed = b.claim();
        while (claimed.isEmpty()) {
          assertTrue(Instant.now().isBefore(deadline), "the frozen write still holds key_a");
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
          claimed = b.claim();
        }
        assertEquals(List.of(2L), tokens(claimed));
        assertThrows(SQLException.class, frozen::commit, "the frozen node's session is gone");
      }
      assertEquals(List.of(), intents(), "its write was rolled back with its session");
    }
  }

  @Test
  void a_key_without_a_lease_row_fails_the_check() throws SQLException {
    KeyLeases a = node("a");
    KeyLeaseLostException lost =
        assertThrows(
            KeyLeaseLostException.class,
            () -> commitIntent(a, new KeyLease("key_x", 1, Instant.EPOCH), "call_1"));
    assertTrue(lost.getMessage().contains("the key has no lease row"), lost.getMessage());
  }

  @Test
  void the_check_refuses_a_connection_in_auto_commit_mode() throws SQLException {
    KeyLeases a = node("a");
    a.add(List.of("key_a"));
    KeyLease lease = a.claim().get(0);
    try (Connection autoCommit = raw()) {
      IllegalStateException refused =
          assertThrows(IllegalStateException.class, () -> a.requireHeld(autoCommit, lease));
      assertTrue(refused.getMessage().contains("auto-commit"), refused.getMessage());
    }
  }

  // --- renewal and release

  @Test
  void renewal_keeps_a_nodes_leases_with_their_tokens() throws SQLException {
    KeyLeases a = node("a");
    a.add(keys(3));
    List<KeyLease> claimed = a.claim();
    KeyLeases b = node("b");

    List<KeyLease> renewed = a.renew();
    assertEquals(keyIds(claimed), keyIds(renewed));
    assertEquals(tokens(claimed), tokens(renewed));
    for (int i = 0; i < claimed.size(); i++) {
      assertFalse(renewed.get(i).expiresAt().isBefore(claimed.get(i).expiresAt()));
    }
    assertEquals(List.of(), b.claim());
    commitIntent(a, renewed.get(0), "call_1");
  }

  @Test
  void a_missed_renewal_lets_the_leases_expire_on_the_database_clock() {
    KeyLeases a = node("a", new LeaseTerms(Duration.ofMillis(300), 16));
    a.add(keys(2));
    assertEquals(2, a.claim().size());
    KeyLeases b = node("b");

    // a never renews: b polls until the database's clock has passed a's leases.
    List<KeyLease> taken = new ArrayList<>();
    Instant deadline = Instant.now().plus(DEADLINE);
    while (taken.size() < 2) {
      assertTrue(Instant.now().isBefore(deadline), "a's leases did not expire in " + DEADLINE);
      taken.addAll(b.claim());
    }
    assertEquals(List.of(2L, 2L), tokens(taken));
    assertEquals(List.of(), a.renew());
    assertEquals(List.of(), a.held());
  }

  @Test
  void a_renewal_revives_an_expired_lease_nobody_claimed_with_the_same_token() throws SQLException {
    KeyLeases a = node("a");
    a.add(List.of("key_a"));
    KeyLease lease = a.claim().get(0);
    missesItsRenewals("a");
    KeyLeaseLostException expired =
        assertThrows(KeyLeaseLostException.class, () -> commitIntent(a, lease, "call_1"));
    assertTrue(expired.getMessage().contains("expired"), expired.getMessage());

    assertEquals(List.of(lease.token()), tokens(a.renew()));
    commitIntent(a, lease, "call_1");
    assertEquals(List.of("call_1 a"), intents());
  }

  @Test
  void release_frees_every_key_at_once_and_fences_the_releaser() throws SQLException {
    KeyLeases a = node("a");
    KeyLeases b = node("b");
    a.add(keys(4));
    List<KeyLease> aLeases = a.claim();
    assertEquals(2, aLeases.size(), "half of 4, b being live");

    assertEquals(2, a.release());
    List<KeyLease> bLeases = b.claim();
    assertEquals(keys(4), keyIds(bLeases), "a deregistered: b alone now, its share is all");
    assertEquals(List.of(2L, 2L, 1L, 1L), tokens(bLeases));
    KeyLeaseLostException lost =
        assertThrows(KeyLeaseLostException.class, () -> commitIntent(a, aLeases.get(0), "call_1"));
    assertTrue(lost.getMessage().contains("node b holds it with token 2"), lost.getMessage());
  }

  // --- node ids

  @Test
  void a_live_node_id_is_refused_and_its_earlier_leases_are_fenced_when_registered_again()
      throws SQLException {
    KeyLeases first = node("a");
    first.add(List.of("key_a"));
    KeyLease old = first.claim().get(0);

    StoreException refused = assertThrows(StoreException.class, () -> node("a"));
    assertTrue(
        refused.getMessage().contains("node id a is in use by a live node"), refused.getMessage());

    missesItsRenewals("a"); // the first process stopped (or froze) long enough
    KeyLeases second = node("a");
    assertEquals(List.of(), second.held(), "what the first process held was released");
    assertEquals(List.of(2L), tokens(second.claim()));
    KeyLeaseLostException lost =
        assertThrows(KeyLeaseLostException.class, () -> commitIntent(first, old, "call_1"));
    assertTrue(lost.getMessage().contains("node a holds it with token 2"), lost.getMessage());
  }

  @Test
  void a_blank_node_id_is_refused() {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> node(" "));
    assertEquals("a node id must not be blank, not ' '", refused.getMessage());
  }

  // --- helpers

  private KeyLeases node(String id) {
    return node(id, TERMS);
  }

  private KeyLeases node(String id, LeaseTerms terms) {
    PGSimpleDataSource database = new PGSimpleDataSource();
    database.setURL(url);
    database.setUser(USER);
    // Waiting for a row lock would be a bug in a claim: fail it rather than hang the test.
    database.setOptions("-c lock_timeout=5000");
    return KeyLeases.register(database, id, terms);
  }

  private Connection raw() throws SQLException {
    return DriverManager.getConnection(url, USER, "");
  }

  private static List<String> keys(int count) {
    return IntStream.range(0, count).mapToObj(i -> String.format("key_%03d", i)).toList();
  }

  private static List<String> keyIds(List<KeyLease> leases) {
    return leases.stream().map(KeyLease::keyId).toList();
  }

  private static List<Long> tokens(List<KeyLease> leases) {
    return leases.stream().map(KeyLease::token).toList();
  }

  /**
   * As if {@code node} stopped renewing a while ago: its leases and registration end in the past.
   */
  private void missesItsRenewals(String node) throws SQLException {
    try (Connection connection = raw();
        PreparedStatement leases =
            connection.prepareStatement(
                "UPDATE key_leases SET expires_at = clock_timestamp() - INTERVAL '1 second'"
                    + " WHERE owner_node = ?");
        PreparedStatement registration =
            connection.prepareStatement(
                "UPDATE cluster_nodes SET expires_at = clock_timestamp() - INTERVAL '1 second'"
                    + " WHERE node_id = ?")) {
      leases.setString(1, node);
      leases.executeUpdate();
      registration.setString(1, node);
      registration.executeUpdate();
    }
  }

  /** Polls until the database's clock has passed {@code key}'s lease (a plain read: no lock). */
  private void awaitExpiry(String key) throws SQLException {
    Instant deadline = Instant.now().plus(DEADLINE);
    try (Connection connection = raw();
        PreparedStatement expired =
            connection.prepareStatement(
                "SELECT expires_at <= clock_timestamp() FROM key_leases WHERE key_id = ?")) {
      expired.setString(1, key);
      while (true) {
        try (ResultSet row = expired.executeQuery()) {
          assertTrue(row.next());
          if (row.getBoolean(1)) {
            return;
          }
        }
        assertTrue(
            Instant.now().isBefore(deadline), key + "'s lease did not expire in " + DEADLINE);
      }
    }
  }

  /** What the store's commit of a call's intent would do: fence, write, commit. */
  private void commitIntent(KeyLeases node, KeyLease lease, String call) throws SQLException {
    try (Connection transaction = raw()) {
      transaction.setAutoCommit(false);
      try {
        node.requireHeld(transaction, lease);
        insertIntent(transaction, call, node.node());
        transaction.commit();
      } catch (SQLException | RuntimeException e) {
        transaction.rollback();
        throw e;
      }
    }
  }

  private static void insertIntent(Connection transaction, String call, String node)
      throws SQLException {
    try (PreparedStatement insert =
        transaction.prepareStatement("INSERT INTO intents (call, node) VALUES (?, ?)")) {
      insert.setString(1, call);
      insert.setString(2, node);
      insert.executeUpdate();
    }
  }

  private List<String> intents() throws SQLException {
    List<String> intents = new ArrayList<>();
    try (Connection connection = raw();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT call, node FROM intents ORDER BY call")) {
      while (rows.next()) {
        intents.add(rows.getString(1) + " " + rows.getString(2));
      }
    }
    return intents;
  }
}
