package dev.outdial.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.Recipient;
import dev.outdial.engine.spi.Agent;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.store.CampaignStore;
import dev.outdial.engine.store.StoreChange;
import dev.outdial.engine.store.StoreException;
import dev.outdial.engine.store.StoredCampaign;
import dev.outdial.engine.store.StoredEngine;
import dev.outdial.engine.testkit.Outcome;
import dev.outdial.engine.testkit.ScriptedDialer;
import dev.outdial.engine.testkit.SettableClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Key stores on a real PostgreSQL (embedded binaries, one server for the class, a new database per
 * test), each under a real {@link OutdialEngine} in deterministic mode with a settable clock and a
 * recording dialer. A "node" is a {@link KeyLeases} and {@link KeyStores} on a pool of its own.
 * Lease expiry is forced on the database's clock ({@code expires_at} set into the past).
 */
class KeyStoresTest {
  private static final String USER = "postgres";
  private static final LeaseTerms TERMS = new LeaseTerms(Duration.ofSeconds(30), 16);
  private static final String AGENT_ID = "agent_125207e452f8714a";
  private static final Agent AGENT = new Agent(AGENT_ID, null, List.of("+447446466847"));
  // A Monday, 10:00 in London.
  private static final Instant START = Instant.parse("2026-06-15T09:00:00Z");
  private static final String KEY_A = "key_a";
  private static final String KEY_B = "key_b";

  private static EmbeddedPostgres server;

  private final SettableClock clock = new SettableClock(START);
  private final List<AutoCloseable> opened = new ArrayList<>();
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
    url = EmbeddedDatabases.create(server, "key_store_test");
  }

  @AfterEach
  void closeEverything() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  // --- several keys on one database

  @Test
  void two_keys_engines_on_one_database_make_distinct_ids_in_their_own_counter_ranges() {
    Node node = node("n1");
    node.leases.add(List.of(KEY_A, KEY_B));
    Map<String, KeyLease> leases = byKey(node.leases.claim());
    ScriptedDialer dialer = dialer();
    OutdialEngine a = engine(node.stores.forKey(leases.get(KEY_A)), dialer);
    OutdialEngine b = engine(node.stores.forKey(leases.get(KEY_B)), dialer);

    String a1 = a.create(KEY_A, request(0, 2)).campaignId();
    String b1 = b.create(KEY_B, request(10, 2)).campaignId();
    a.runDue();
    b.runDue();

    assertNotEquals(a1, b1);
    List<String> calls = dialer.dialed().stream().map(d -> d.call().callId()).toList();
    assertEquals(4, calls.size());
    assertEquals(4, Set.copyOf(calls).size(), "no call id twice: " + calls);
    long ordinalA = ordinal(KEY_A);
    long ordinalB = ordinal(KEY_B);
    assertNotEquals(ordinalA, ordinalB);
    assertEquals(List.of(ordinalA << 32), campaignCounters(KEY_A));
    assertEquals(List.of(ordinalB << 32), campaignCounters(KEY_B));
    assertEquals(List.of(ordinalA << 40, (ordinalA << 40) + 1), callCounters(KEY_A));
    assertEquals(List.of(ordinalB << 40, (ordinalB << 40) + 1), callCounters(KEY_B));
  }

  @Test
  void a_keys_engine_restarted_loads_only_its_keys_campaigns_and_continues_its_counters() {
    Node node = node("n1");
    node.leases.add(List.of(KEY_A, KEY_B));
    Map<String, KeyLease> leases = byKey(node.leases.claim());
    ScriptedDialer dialer = dialer();
    OutdialEngine a = engine(node.stores.forKey(leases.get(KEY_A)), dialer);
    OutdialEngine b = engine(node.stores.forKey(leases.get(KEY_B)), dialer);
    String a1 = a.create(KEY_A, request(0, 1)).campaignId();
    String b1 = b.create(KEY_B, request(10, 1)).campaignId();
    a.close();
    b.close();

    OutdialEngine a2 = engine(node.stores.forKey(leases.get(KEY_A)), dialer);
    OutdialEngine b2 = engine(node.stores.forKey(leases.get(KEY_B)), dialer);

    assertEquals(List.of(a1), campaignIds(a2.openCampaigns()));
    assertEquals(List.of(b1), campaignIds(b2.openCampaigns()));
    String a2Id = a2.create(KEY_A, request(20, 1)).campaignId();
    String b2Id = b2.create(KEY_B, request(30, 1)).campaignId();
    a2.runDue();
    b2.runDue();
    assertEquals(4, Set.of(a1, b1, a2Id, b2Id).size());
    long ordinalA = ordinal(KEY_A);
    long ordinalB = ordinal(KEY_B);
    assertEquals(List.of(ordinalA << 32, (ordinalA << 32) + 1), campaignCounters(KEY_A));
    assertEquals(List.of(ordinalB << 32, (ordinalB << 32) + 1), campaignCounters(KEY_B));
    assertEquals(List.of(ordinalA << 40, (ordinalA << 40) + 1), callCounters(KEY_A));
    assertEquals(4, dialer.dialed().size());
    assertEquals(
        4, dialer.dialed().stream().map(d -> d.call().callId()).distinct().count(), "ids unique");
  }

  @Test
  void every_key_store_of_a_database_gets_the_same_id_secret_and_never_none() throws SQLException {
    Node one = node("n1");
    Node two = node("n2");
    one.leases.add(List.of(KEY_A, KEY_B));
    KeyLease a = one.leases.claim().get(0);
    KeyLease b = two.leases.claim().get(0);

    assertNotEquals(a.keyId(), b.keyId(), "each node claimed its share");

    byte[] secret = one.stores.forKey(a).load().secret();
    assertNotNull(secret);
    assertEquals(32, secret.length);
    assertArrayEquals(secret, two.stores.forKey(b).load().secret());
  }

  // --- the fence

  @Test
  void
      an_engine_whose_lease_was_taken_over_commits_no_intent_so_never_dials_and_the_new_owner_dials_once()
          throws SQLException {
    Node first = node("n1");
    first.leases.add(List.of(KEY_A));
    KeyLease lost = first.leases.claim().get(0);
    ScriptedDialer firstDialer = dialer();
    OutdialEngine stale = engine(first.stores.forKey(lost), firstDialer);
    String id = stale.create(KEY_A, request(0, 1)).campaignId();

    leasesEnd(KEY_A); // the first node froze past its lease
    Node second = node("n2");
    KeyLease taken = second.leases.claim().get(0);
    assertEquals(lost.token() + 1, taken.token());

    stale.runDue(); // the dispatch's intent is refused by the fence
    clock.advance(Duration.ofMinutes(1)); // past the engine's back-off: it tries again, refused
    stale.runDue();
    assertEquals(List.of(), firstDialer.dialed(), "a node that lost its lease dials nobody");
    assertEquals(0, startedCalls(KEY_A), "and committed no intent");
    KeyLeaseLostException refused =
        assertThrows(
            KeyLeaseLostException.class,
            () -> first.stores.forKey(lost).commit(List.of(new StoreChange.Finished(id, START))));
    assertEquals(KEY_A, refused.keyId());

    ScriptedDialer secondDialer = dialer();
    OutdialEngine owner = engine(second.stores.forKey(taken), secondDialer);
    owner.runDue();

    assertEquals(List.of(id), campaignIds(owner.openCampaigns()));
    assertEquals(1, secondDialer.dialed().size(), "the new owner dials the recipient");
    assertEquals(id, secondDialer.dialed().get(0).call().campaignId());
    stale.runDue();
    clock.advance(Duration.ofMinutes(1));
    stale.runDue();
    assertEquals(List.of(), firstDialer.dialed(), "exactly once overall");
    assertEquals(1, startedCalls(KEY_A));
    opened.remove(stale);
    assertThrows(KeyLeaseLostException.class, stale::close, "its last commit is refused too");
  }

  @Test
  void the_self_fence_refuses_a_commit_without_taking_a_connection() {
    Node node = node("n1");
    node.leases.add(List.of(KEY_A));
    KeyLease lease = node.leases.claim().get(0);
    AtomicInteger connections = new AtomicInteger();
    KeyStores counted = KeyStores.open(counting(node.pool.dataSource(), connections), node.leases);
    AtomicBoolean held = new AtomicBoolean(true);
    KeyStore store = counted.forKey(lease, held::get);
    long ordinal = ordinal(KEY_A);
    StoredCampaign campaign = Campaigns.minimal(ordinal << 32, ordinal << 40, 1);
    StoredCampaign ours = Campaigns.withKey(campaign, KEY_A);

    held.set(false); // by the node's own clock the lease may be over
    int before = connections.get();
    KeyLeaseLostException refused =
        assertThrows(
            KeyLeaseLostException.class,
            () -> store.commit(List.of(new StoreChange.Created(ours, null))));
    assertEquals(before, connections.get(), "nothing was sent: no connection was even taken");
    assertTrue(refused.getMessage().contains("self-fence"), refused.getMessage());
    assertThrows(
        KeyLeaseLostException.class, () -> store.suppress(KEY_A, List.of("+447111000001"), START));
    assertEquals(before, connections.get());

    held.set(true);
    store.commit(List.of(new StoreChange.Created(ours, null)));
    assertEquals(List.of(ours), store.load().open(), "the same commit goes through once held");
  }

  // --- what a key store holds to its key

  @Test
  void a_campaign_outside_the_keys_counter_ranges_or_of_another_key_is_refused_whole() {
    Node node = node("n1");
    node.leases.add(List.of(KEY_A));
    KeyStore store = node.stores.forKey(node.leases.claim().get(0));
    long ordinal = ordinal(KEY_A);
    StoredCampaign inRange =
        Campaigns.withKey(Campaigns.minimal(ordinal << 32, ordinal << 40, 2), KEY_A);

    StoreException lowCounter =
        assertThrows(
            StoreException.class,
            () ->
                store.commit(
                    List.of(
                        new StoreChange.Created(
                            Campaigns.withKey(Campaigns.minimal(5, ordinal << 40, 2), KEY_A),
                            null))));
    assertTrue(lowCounter.getMessage().contains("outside key key_a's campaign counters"));
    StoreException callsBeyond =
        assertThrows(
            StoreException.class,
            () ->
                store.commit(
                    List.of(
                        new StoreChange.Created(
                            Campaigns.withKey(
                                Campaigns.minimal(ordinal << 32, ((ordinal + 1) << 40) - 1, 2),
                                KEY_A),
                            null))));
    assertTrue(callsBeyond.getMessage().contains("outside key key_a's call counters"));
    StoreException otherKey =
        assertThrows(
            StoreException.class,
            () ->
                store.commit(
                    List.of(new StoreChange.Created(Campaigns.withKey(inRange, KEY_B), null))));
    assertTrue(otherKey.getMessage().contains("cannot be created in the store of key key_a"));
    assertEquals(List.of(), store.load().open(), "nothing of a refused batch is kept");
    assertEquals(ordinal << 32, store.load().nextCampaignCounter());

    store.commit(List.of(new StoreChange.Created(inRange, null)));
    StoredEngine loaded = store.load();
    assertEquals(List.of(inRange), loaded.open());
    assertEquals((ordinal << 32) + 1, loaded.nextCampaignCounter());
    assertEquals((ordinal << 40) + 2, loaded.nextCallCounter());
  }

  @Test
  void a_key_store_reads_and_writes_only_its_keys_suppression_list() {
    Node node = node("n1");
    node.leases.add(List.of(KEY_A, KEY_B));
    Map<String, KeyLease> leases = byKey(node.leases.claim());
    KeyStore a = node.stores.forKey(leases.get(KEY_A));
    KeyStore b = node.stores.forKey(leases.get(KEY_B));

    a.suppress(KEY_A, List.of("+447111000001"), START);
    b.suppress(KEY_B, List.of("+447111000002"), START);

    assertEquals(Map.of(KEY_A, Set.of("+447111000001")), a.loadSuppressed());
    assertEquals(Map.of(KEY_B, Set.of("+447111000002")), b.loadSuppressed());
    assertThrows(IllegalArgumentException.class, () -> a.unsuppress(KEY_B, "+447111000002"));
  }

  // --- from a single engine's database

  @Test
  void a_database_a_single_server_wrote_campaigns_to_is_refused_as_a_cluster_database() {
    try (CampaignStore single = JdbcCampaignStore.postgres(url, USER, "")) {
      OutdialEngine engine = engine(single, dialer());
      engine.create(KEY_A, request(0, 2));
      engine.close();
    }
    PostgresPool pool = PostgresPool.open(url, USER, "", 2);
    opened.add(pool);
    KeyLeases leases = KeyLeases.register(pool.dataSource(), "n1", TERMS);
    StoreException refused =
        assertThrows(StoreException.class, () -> KeyStores.open(pool.dataSource(), leases));
    assertTrue(
        refused.getMessage().contains("1 campaign(s) a single server wrote"), refused.getMessage());
  }

  // --- helpers

  private record Node(PostgresPool pool, KeyLeases leases, KeyStores stores) {}

  private Node node(String id) {
    PostgresPool pool = PostgresPool.open(url + "?options=-c%20lock_timeout%3D5000", USER, "", 4);
    opened.add(pool);
    KeyLeases leases = KeyLeases.register(pool.dataSource(), id, TERMS);
    return new Node(pool, leases, KeyStores.open(pool.dataSource(), leases));
  }

  private OutdialEngine engine(CampaignStore store, ScriptedDialer dialer) {
    OutdialEngine engine =
        OutdialEngine.builder()
            .clock(clock)
            .dialer(dialer)
            .agents(AgentDirectory.of(AGENT))
            .defaultLimits(new KeyLimits(10, 100.0, 10))
            .store(store)
            .build();
    opened.add(engine);
    return engine;
  }

  private ScriptedDialer dialer() {
    return ScriptedDialer.always(clock, Outcome.neverReports());
  }

  private static BatchCampaignRequest request(int first, int count) {
    List<Recipient> recipients =
        IntStream.range(first, first + count)
            .mapToObj(i -> Recipient.of(String.format("+447111%06d", i)))
            .toList();
    return BatchCampaignRequest.builder()
        .agentId(AGENT_ID)
        .prompt("Remind the patient of tomorrow's check-up.")
        .recipients(recipients)
        .build();
  }

  private static Map<String, KeyLease> byKey(List<KeyLease> leases) {
    Map<String, KeyLease> byKey = new HashMap<>();
    for (KeyLease lease : leases) {
      byKey.put(lease.keyId(), lease);
    }
    return byKey;
  }

  private static List<String> campaignIds(List<CampaignView> campaigns) {
    return campaigns.stream().map(CampaignView::campaignId).toList();
  }

  /** As if the owner stopped renewing a while ago: the key's lease ended in the past. */
  private void leasesEnd(String key) throws SQLException {
    try (Connection connection = raw();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE key_leases SET expires_at = clock_timestamp() - INTERVAL '1 second'"
                    + " WHERE key_id = ?")) {
      update.setString(1, key);
      update.executeUpdate();
    }
  }

  private long ordinal(String key) {
    return query("SELECT ordinal FROM key_engines WHERE key_id = '" + key + "'").get(0);
  }

  private List<Long> campaignCounters(String key) {
    return query("SELECT counter FROM campaigns WHERE key_id = '" + key + "' ORDER BY counter");
  }

  private List<Long> callCounters(String key) {
    return query("SELECT call FROM attempts WHERE key_id = '" + key + "' ORDER BY call");
  }

  private long startedCalls(String key) {
    return query(
            "SELECT count(*) FROM recipients r JOIN campaigns c ON c.counter = r.campaign"
                + " WHERE c.key_id = '"
                + key
                + "' AND r.attempts > 0")
        .get(0);
  }

  private List<Long> query(String sql) {
    try (Connection connection = raw();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<Long> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getLong(1));
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private Connection raw() throws SQLException {
    return DriverManager.getConnection(url, USER, "");
  }

  /** {@code database}, counting the connections taken from it. */
  private static DataSource counting(DataSource database, AtomicInteger taken) {
    return (DataSource)
        Proxy.newProxyInstance(
            KeyStoresTest.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getConnection")) {
                taken.incrementAndGet();
              }
              try {
                return method.invoke(database, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
