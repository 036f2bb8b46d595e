package dev.outdial.server.internal.cluster;

import dev.outdial.engine.spi.Dialer;
import dev.outdial.server.ApiRequest;
import dev.outdial.server.ApiResponse;
import dev.outdial.server.internal.ApiError;
import dev.outdial.server.internal.ApiHandler;
import dev.outdial.store.KeyLease;
import dev.outdial.store.KeyLeases;
import dev.outdial.store.KeyStore;
import dev.outdial.store.KeyStores;
import dev.outdial.store.RelayListener;
import dev.outdial.store.RelayTerms;
import dev.outdial.store.Relayed;
import dev.outdial.store.RequestRelay;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of a cluster: holds leases on API keys and runs an engine for each key it holds.
 *
 * <ul>
 *   <li>The heartbeat, every {@link dev.outdial.store.LeaseTerms#renewEvery()}, renews every lease;
 *       a key missing from the renewal was lost, and its engine stops at once (its self-fence is
 *       revoked before anything else). Then the node claims free or expired keys up to its fair
 *       share, and gives back one key at a time while it holds more than its share (a node joined).
 *   <li>A key claimed gets a store fenced by its lease and its token, and an engine over it, which
 *       on start reconciles the calls the key's last owner left in doubt (never dialling them).
 *   <li>Requests for a key held elsewhere are passed on through {@link RequestRelay}; requests
 *       relayed to this node for keys it holds are served on a few threads, woken by notification
 *       and by the relay's catch-up poll ({@link RelayTerms#DEFAULT}).
 * </ul>
 *
 * <p>Every change to the set of keys held runs on one thread, the key worker; the map of keys is
 * read from any thread.
 */
public final class ClusterNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

  private static final int RELAY_BATCH = 8;

  private final KeyLeases leases;
  private final KeyStores stores;
  private @Nullable RequestRelay relay;
  private final Dialer dialer;
  private final KeyEngineFactory engines;
  private final KeyFences fences;
  private final KeyDialing dialing;
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private final ScheduledExecutorService heartbeat;
  private final ExecutorService keyWorker;
  private final ScheduledExecutorService relayWorkers;
  private volatile boolean closing;

  /**
   * A key held: its lease, self-fence, dialer and engine. Requests run under the read lock; the
   * engine stops under the write lock, so a request that found the engine finishes before it stops.
   */
  private record Held(
      KeyLease lease,
      LeaseDeadline deadline,
      FencedDialer dialer,
      KeyEngine engine,
      ReentrantReadWriteLock serving,
      AtomicBoolean stopped) {
    Held(KeyLease lease, LeaseDeadline deadline, FencedDialer dialer, KeyEngine engine) {
      this(lease, deadline, dialer, engine, new ReentrantReadWriteLock(), new AtomicBoolean());
    }
  }

  private ClusterNode(
      KeyLeases leases,
      KeyStores stores,
      Dialer dialer,
      KeyFences fences,
      KeyDialing dialing,
      KeyEngineFactory engines) {
    this.fences = fences;
    this.dialing = dialing;
    this.leases = leases;
    this.stores = stores;
    this.dialer = dialer;
    this.engines = engines;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(named("outdial-heartbeat"));
    this.keyWorker = Executors.newSingleThreadExecutor(named("outdial-keys"));
    this.relayWorkers = Executors.newScheduledThreadPool(3, named("outdial-relayed"));
  }

  /**
   * Starts the node: makes every configured key claimable, claims its share at once, then keeps its
   * leases by heartbeat and serves relayed requests.
   */
  public static ClusterNode start(
      DataSource database,
      KeyLeases leases,
      KeyStores stores,
      Dialer dialer,
      KeyFences fences,
      KeyDialing dialing,
      KeyEngineFactory engines,
      Collection<String> keyIds) {
    ClusterNode node = new ClusterNode(leases, stores, dialer, fences, dialing, engines);
    leases.add(keyIds);
    node.relay =
        RequestRelay.open(
            database,
            leases.node(),
            RelayTerms.DEFAULT,
            RelayListener.of(node::requestsFor, () -> node.requestsFor(null)));
    long renewMillis = leases.terms().renewEvery().toMillis();
    node.keyWorker.execute(node::claimAndBalance);
    node.heartbeat.scheduleWithFixedDelay(
        node::beat, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
    return node;
  }

  /** This node's id. */
  public String nodeId() {
    return leases.node();
  }

  /**
   * Answers {@code request} with the engine of {@code keyId} if this node holds the key and its
   * engine runs; null if not (pass the request on). The engine does not stop while it answers.
   */
  public @Nullable ApiResponse serve(String keyId, ApiRequest request) {
    return serve(keyId, request, false);
  }

  /**
   * {@link #serve(String, ApiRequest)}; a {@code relayed} request, authenticated by the node that
   * received it and passed on without the client's {@code Authorization}, runs with the key's relay
   * secret.
   */
  private @Nullable ApiResponse serve(String keyId, ApiRequest request, boolean relayed) {
    Held h = held.get(keyId);
    if (h == null || !h.deadline.held() || !h.serving.readLock().tryLock()) {
      return null;
    }
    try {
      if (h.stopped.get()) {
        return null;
      }
      ApiRequest run = relayed ? withSecret(request, keyId, h.engine.relaySecret()) : request;
      return h.engine.api().apply(run);
    } finally {
      h.serving.readLock().unlock();
    }
  }

  /** The relay through which requests for keys held elsewhere go. */
  public RequestRelay relay() {
    return java.util.Objects.requireNonNull(relay, "relay");
  }

  /** The heartbeat: renews, drops what was lost, then claims and balances on the key worker. */
  private void beat() {
    try {
      // Keys being started are in the fences before their engines are held: renew them too.
      Map<String, LeaseDeadline> before = fences.snapshot();
      long sent = System.nanoTime();
      Map<String, Long> renewed = new java.util.HashMap<>();
      for (KeyLease lease : leases.renew()) {
        renewed.put(lease.keyId(), lease.token());
      }
      before.forEach(
          (keyId, deadline) -> {
            Long token = renewed.get(keyId);
            Held h = held.get(keyId);
            boolean mine = h != null && h.deadline == deadline;
            if (token != null && token == deadline.token()) {
              deadline.renewed(sent);
              if (mine && deadline.held() && deadline.takeRefused()) {
                LOG.info(
                    "node {}: key {} renewed after a dial was held back; it dials again",
                    nodeId(),
                    keyId);
                h.dialer.resume();
              }
              return;
            }
            deadline.revoke(); // first: no commit or dial for the key from now on
            LOG.warn(
                "node {} lost key {} (token {}): another node owns it now; its engine stops",
                nodeId(),
                keyId,
                deadline.token());
            if (mine) {
              keyWorker.execute(() -> stop(h, false));
            }
          });
      // A key renewed that this node neither runs nor is starting (its start failed and so did
      // giving it back): give it back now, or it stays owned by nobody that dials it.
      for (String keyId : renewed.keySet()) {
        if (!before.containsKey(keyId) && !closing) {
          keyWorker.execute(() -> giveBackIfIdle(keyId));
        }
      }
      if (!closing) {
        keyWorker.execute(this::claimAndBalance);
      }
    } catch (RuntimeException e) {
      LOG.warn("node {}: renewing leases failed: {}", nodeId(), e.toString());
    } catch (Error e) {
      // The scheduler would swallow it and never beat again: let the JVM's handler halt instead.
      LOG.error("node {}: the heartbeat failed", nodeId(), e);
      new Thread(
              () -> {
                throw e;
              },
              "outdial-heartbeat-failure")
          .start();
    }
  }

  /** On the key worker: gives back a key this node holds in the database but does not run. */
  private void giveBackIfIdle(String keyId) {
    if (held.containsKey(keyId) || fences.snapshot().containsKey(keyId)) {
      return;
    }
    try {
      if (leases.release(keyId)) {
        LOG.warn("node {} gave back key {}, which it held without running it", nodeId(), keyId);
      }
    } catch (RuntimeException e) {
      LOG.warn("node {}: giving back key {} failed: {}", nodeId(), keyId, e.toString());
    }
  }

  /** On the key worker: claims up to the fair share, then gives back one key above it. */
  private void claimAndBalance() {
    if (closing) {
      return;
    }
    try {
      long sent = System.nanoTime();
      // Every claimed key's self-fence counts from the claim and is renewed by the heartbeat from
      // now on, however long the keys before it take to start.
      Map<KeyLease, LeaseDeadline> claimed = new java.util.LinkedHashMap<>();
      for (KeyLease lease : leases.claim()) {
        LeaseDeadline deadline = new LeaseDeadline(lease.token(), leases.terms().duration(), sent);
        Held running = held.get(lease.keyId());
        if (running != null) {
          stop(running, false); // its lease lapsed and was claimed again: an older token
        }
        fences.holds(lease.keyId(), deadline);
        claimed.put(lease, deadline);
      }
      claimed.forEach(this::begin);
      long share = leases.fairShare();
      if (held.size() > share) {
        // The last key in key order: every node gives back the same way, so no key bounces.
        String surplus = new TreeSet<>(held.keySet()).last();
        LOG.info(
            "node {} holds {} keys, over its share of {}: gives back key {}",
            nodeId(),
            held.size(),
            share,
            surplus);
        Held h = held.get(surplus);
        if (h != null) {
          stop(h, true);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("node {}: claiming keys failed: {}", nodeId(), e.toString());
    }
  }

  /** On the key worker: starts the engine of a key just claimed. */
  private void begin(KeyLease lease, LeaseDeadline deadline) {
    String keyId = lease.keyId();
    KeyStore store = null;
    try {
      store = stores.forKey(lease, deadline::held);
      FencedDialer fenced = new FencedDialer(dialer, deadline, keyId);
      KeyEngine engine = engines.start(keyId, store, fenced);
      held.put(keyId, new Held(lease, deadline, fenced, engine));
      LOG.info(
          "node {} claimed key {} (token {}); {}",
          nodeId(),
          keyId,
          lease.token(),
          engine.engine().recovery());
      requestsFor(keyId);
    } catch (RuntimeException e) {
      deadline.revoke();
      fences.released(keyId, deadline);
      LOG.warn(
          "node {}: key {} claimed but its engine did not start ({}); giving the key back",
          nodeId(),
          keyId,
          e.toString());
      if (store != null) {
        closeQuietly(store);
      }
      try {
        leases.release(keyId);
      } catch (RuntimeException release) {
        LOG.warn("node {}: giving back key {} failed: {}", nodeId(), keyId, release.toString());
      }
    }
  }

  /**
   * Stops a key's engine: drained first when this node hands the key on (given back, or the node
   * stopping), not when it lost it; gives the lease back if asked (it is still held).
   */
  private void stop(Held h, boolean giveBack) {
    String keyId = h.lease.keyId();
    if (!held.remove(keyId, h)) {
      return;
    }
    h.serving.writeLock().lock(); // requests under way finish first
    try {
      h.stopped.set(true);
    } finally {
      h.serving.writeLock().unlock();
    }
    if (giveBack || closing) {
      drain(h); // a key this node hands on: its unplaced calls go back to their queues first
    }
    try {
      h.engine.engine().close(); // commits what is pending while the lease, if held, fences it
    } catch (RuntimeException e) {
      LOG.info(
          "node {}: key {}'s engine closed without its last commit: {}",
          nodeId(),
          keyId,
          e.toString());
    }
    h.deadline.revoke();
    fences.released(keyId, h.deadline);
    if (giveBack) {
      try {
        leases.release(keyId);
      } catch (RuntimeException e) {
        LOG.warn("node {}: giving back key {} failed: {}", nodeId(), keyId, e.toString());
      }
    }
  }

  /**
   * Before a key is handed over: no new call starts (a call refused is put back in its queue), the
   * creates waiting for their pace are refused as their turn comes, and the engine has recorded
   * those refusals; bounded by a third of the lease. What is still unplaced then is left to the
   * next owner's reconciliation.
   */
  private void drain(Held h) {
    String keyId = h.lease.keyId();
    h.deadline.handOver();
    dialing.withhold(keyId);
    long until = System.nanoTime() + leases.terms().renewEvery().toNanos();
    while (dialing.unplaced(keyId) > 0 && until - System.nanoTime() > 0) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // the dialer's threads refuse them
    }
    int left = dialing.unplaced(keyId);
    if (left > 0) {
      LOG.warn(
          "node {}: key {} handed over with {} call(s) not yet placed; the next owner reconciles"
              + " them",
          nodeId(),
          keyId,
          left);
    }
    try {
      h.engine.engine().openCampaigns(); // runs after the refusals reported so far: they are in
    } catch (RuntimeException e) {
      LOG.debug("key {}'s engine was already stopping", keyId, e);
    }
  }

  /** A notification: requests wait for {@code keyId} (null: for any key, after a reconnect). */
  private void requestsFor(@Nullable String keyId) {
    if (keyId != null && !held.containsKey(keyId)) {
      return;
    }
    try {
      relayWorkers.execute(this::serveRelayed);
    } catch (RejectedExecutionException closed) {
      // the node is stopping
    }
  }

  /** Takes requests relayed for the keys held here and answers each through the key's API. */
  private void serveRelayed() {
    if (closing) {
      return;
    }
    try {
      while (!closing) {
        List<String> keys = new ArrayList<>(held.keySet());
        if (keys.isEmpty()) {
          return;
        }
        List<Relayed> taken = relay().take(keys, RELAY_BATCH);
        if (taken.isEmpty()) {
          return;
        }
        for (Relayed request : taken) {
          serveOne(request);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("node {}: serving relayed requests failed: {}", nodeId(), e.toString());
    }
  }

  private static ApiRequest withSecret(ApiRequest request, String keyId, String secret) {
    Map<String, List<String>> headers = new java.util.HashMap<>(request.headers());
    headers.keySet().removeIf(name -> name.equalsIgnoreCase("Authorization"));
    headers.put("Authorization", List.of("Bearer " + keyId + ":" + secret));
    return new ApiRequest(
        request.method(), request.path(), request.query(), headers, request.body());
  }

  private void serveOne(Relayed request) {
    ApiRequest decoded;
    try {
      decoded = RelayCodec.request(request.request());
    } catch (IllegalArgumentException unreadable) {
      relay()
          .answer(
              request.id(),
              RelayCodec.response(
                  ApiHandler.error(
                      new ApiError(
                          500,
                          "relay_unreadable",
                          "the node owning this key could not read the request passed to it ("
                              + unreadable.getMessage()
                              + "); it was not applied"))));
      return;
    }
    ApiResponse answer = serve(request.keyId(), decoded, true);
    if (answer == null) {
      relay().putBack(request.id()); // not running the key now: whoever does takes it
    } else {
      relay().answer(request.id(), RelayCodec.response(answer));
    }
  }

  /**
   * Stops: no more claims, every key's engine closed (each commits what is pending), every lease
   * released so that the other nodes take the keys over at once, then the relay. Calls in progress
   * are reconciled by the keys' next owners.
   */
  @Override
  public void close() {
    closing = true; // the heartbeat keeps renewing until the engines' last commits are done
    relayWorkers.shutdown();
    keyWorker.shutdown();
    try {
      if (!keyWorker.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("node {}: claims and stops under way did not end in 30 s", nodeId());
      }
      relayWorkers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Held h : new ArrayList<>(held.values())) {
      stop(h, false);
    }
    heartbeat.shutdownNow();
    try {
      LOG.info("node {} released {} keys", nodeId(), leases.release());
    } catch (RuntimeException e) {
      LOG.warn(
          "node {}: releasing its keys failed ({}); they expire on their own",
          nodeId(),
          e.toString());
    }
    if (relay != null) {
      closeQuietly(relay);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.debug("closing {} failed", closeable, e);
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread thread = new Thread(r, prefix + "-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
