package dev.outdial.engine.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CampaignEvent;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.SeedRequests;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8: real time runs the same code on the engine's own thread. These tests wait on signals
 * from that thread (with a generous bound), never on sleeps.
 */
class RealTimeDriverTest {

  @Test
  void real_time_engine_dials_every_recipient_once_with_ends_reported_from_other_threads()
      throws Exception {
    ExecutorService telephony = Executors.newFixedThreadPool(2);
    Set<String> dialled = ConcurrentHashMap.newKeySet();
    CountDownLatch completed = new CountDownLatch(1);
    try (OutdialEngine engine =
        OutdialEngine.builder()
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .defaultLimits(new KeyLimits(4, 10_000, 50))
            .dialer(
                (call, ends) -> {
                  dialled.add(call.to());
                  telephony.execute(() -> ends.callEnded(call.callId(), EndedReason.COMPLETED));
                })
            .listener(
                new EngineListener() {
                  @Override
                  public void onCampaign(CampaignEvent event) {
                    if (event.status() == CampaignStatus.COMPLETED) {
                      completed.countDown();
                    }
                  }
                })
            .start()) {
      String id = engine.create("key_a", Requests.now(200).build()).campaignId();

      assertEquals(true, completed.await(30, TimeUnit.SECONDS), "campaign did not complete");
      assertEquals(200, dialled.size());
      assertEquals(
          200, engine.campaign("key_a", id).callsByEndedReason().get(EndedReason.COMPLETED));
    } finally {
      telephony.shutdownNow();
    }
  }

  @Test
  void concurrent_creates_from_eight_threads_make_exactly_one_campaign_each() throws Exception {
    ExecutorService hosts = Executors.newFixedThreadPool(8);
    try (OutdialEngine engine =
        OutdialEngine.builder()
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .dialer((call, ends) -> {})
            .start()) {
      CompletableFuture<Void> go = new CompletableFuture<>();
      List<Future<String>> ids = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        ids.add(
            hosts.submit(
                () -> {
                  go.join();
                  return engine.create("key_a", Requests.now(3).build()).campaignId();
                }));
      }
      go.complete(null);
      Set<String> distinct = new HashSet<>();
      for (Future<String> id : ids) {
        distinct.add(id.get(30, TimeUnit.SECONDS));
      }
      assertEquals(100, distinct.size());
      for (String id : distinct) {
        assertEquals(3, engine.campaign("key_a", id).totalCalls());
      }
    } finally {
      hosts.shutdownNow();
    }
  }

  @Test
  void run_due_is_refused_in_real_time_mode() {
    try (OutdialEngine engine =
        OutdialEngine.builder()
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .dialer((call, ends) -> {})
            .start()) {
      assertThrows(IllegalStateException.class, engine::runDue);
    }
  }

  @Test
  void calls_after_close_fail_instead_of_waiting_forever() {
    OutdialEngine engine =
        OutdialEngine.builder()
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .dialer((call, ends) -> {})
            .start();
    String id = engine.create("key_a", Requests.now(1).build()).campaignId();

    engine.close();

    assertThrows(IllegalStateException.class, () -> engine.campaign("key_a", id));
  }

  @Test
  void a_listener_closing_the_engine_from_its_thread_does_not_deadlock() throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    AtomicReference<OutdialEngine> self = new AtomicReference<>();
    OutdialEngine engine =
        OutdialEngine.builder()
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .dialer((call, ends) -> ends.callEnded(call.callId(), EndedReason.COMPLETED))
            .listener(
                new EngineListener() {
                  @Override
                  public void onCampaign(CampaignEvent event) {
                    if (event.status() == CampaignStatus.COMPLETED) {
                      self.get().close();
                      closed.countDown();
                    }
                  }
                })
            .start();
    self.set(engine);

    engine.create("key_a", Requests.now(1).build());

    assertEquals(true, closed.await(30, TimeUnit.SECONDS), "close from the engine thread hung");
    engine.close();
  }

  @Test
  void real_time_engine_wakes_by_itself_at_a_scheduled_campaigns_firing_instant() throws Exception {
    Instant firesAt = Instant.parse("2026-06-15T08:00:00Z");
    TestClock clock = new TestClock();
    CompletableFuture<Instant> seedDial = new CompletableFuture<>();
    try (OutdialEngine engine =
        OutdialEngine.builder()
            .clock(clock)
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .dialer(
                (call, ends) -> {
                  if (call.to().equals("+447111000001")) {
                    seedDial.complete(clock.instant());
                  }
                })
            .start()) {
      // Returns while the engine thread may still be in its pass: the next create must still be
      // stamped with the clock's instant when it runs, not the pass's.
      engine.create("warm_up", Requests.now(1).build());
      // Held while the create is validated and run, however long a loaded machine takes.
      clock.hold(firesAt.minusSeconds(2));

      var created = engine.create("key_a", SeedRequests.request());
      assertEquals(firesAt, created.firesAt(), "created two seconds before its firing instant");
      clock.runFrom(firesAt.minusSeconds(2));

      Instant dialledAt = seedDial.get(30, TimeUnit.SECONDS);
      assertTrue(!dialledAt.isBefore(firesAt), "dialled at " + dialledAt + ", before " + firesAt);
      assertEquals(CampaignStatus.RUNNING, engine.campaign("key_a", created.campaignId()).status());
    }
  }

  @Test
  void a_create_posted_while_a_pass_is_under_way_takes_effect_at_the_clock_instant_it_runs()
      throws Exception {
    Instant firesAt = Instant.parse("2026-06-15T08:00:00Z");
    TestClock clock = new TestClock();
    CountDownLatch inDial = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService host = Executors.newSingleThreadExecutor();
    try (OutdialEngine engine =
        OutdialEngine.builder()
            .clock(clock)
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .dialer(
                (call, ends) -> {
                  if (call.keyId().equals("warm_up")) {
                    inDial.countDown();
                    release.await(); // holds the pass open while the next create is posted
                  }
                })
            .start()) {
      engine.create("warm_up", Requests.now(1).build());
      assertEquals(true, inDial.await(30, TimeUnit.SECONDS), "the warm-up call was not dialled");
      // The pass under way began at the real instant; the create must be judged at this one.
      clock.hold(firesAt.minusSeconds(2));

      Thread[] creator = new Thread[1];
      Future<Instant> created =
          host.submit(
              () -> {
                creator[0] = Thread.currentThread();
                return engine.create("key_a", SeedRequests.request()).firesAt();
              });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (creator[0] == null || creator[0].getState() != Thread.State.TIMED_WAITING) {
        assertTrue(System.nanoTime() < deadline, "the create was never posted");
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
      release.countDown();

      assertEquals(firesAt, created.get(30, TimeUnit.SECONDS), "judged two seconds before 09:00");
    } finally {
      release.countDown();
      host.shutdownNow();
    }
  }

  @Test
  void a_forward_wall_clock_jump_fires_the_campaign_without_waiting_out_the_old_sleep()
      throws Exception {
    Instant firesAt = Instant.parse("2026-06-15T08:00:00Z");
    TestClock clock = new TestClock();
    CompletableFuture<Instant> seedDial = new CompletableFuture<>();
    try (OutdialEngine engine =
        OutdialEngine.builder()
            .clock(clock)
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .dialer(
                (call, ends) -> {
                  if (call.to().equals("+447111000001")) {
                    seedDial.complete(clock.instant());
                  }
                })
            .start()) {
      clock.runFrom(firesAt.minus(Duration.ofHours(2)));
      var created = engine.create("key_a", SeedRequests.request());
      assertEquals(firesAt, created.firesAt());
      awaitEngineThread(Thread.State.TIMED_WAITING, "sleeping towards the firing instant");

      clock.runFrom(firesAt); // the wall clock jumps two hours

      Instant dialledAt = seedDial.get(30, TimeUnit.SECONDS);
      assertTrue(!dialledAt.isBefore(firesAt), "dialled at " + dialledAt + ", before " + firesAt);
    }
  }

  @Test
  void an_interrupt_left_by_the_dialer_does_not_keep_the_idle_engine_thread_awake()
      throws Exception {
    CountDownLatch completed = new CountDownLatch(1);
    try (OutdialEngine engine =
        OutdialEngine.builder()
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .dialer(
                (call, ends) -> {
                  ends.callEnded(call.callId(), EndedReason.COMPLETED);
                  Thread.currentThread().interrupt(); // a host restoring an interrupt it caught
                })
            .listener(
                new EngineListener() {
                  @Override
                  public void onCampaign(CampaignEvent event) {
                    if (event.status() == CampaignStatus.COMPLETED) {
                      completed.countDown();
                    }
                  }
                })
            .start()) {
      engine.create("key_a", Requests.now(3).build());
      assertEquals(true, completed.await(30, TimeUnit.SECONDS), "campaign did not complete");

      // Parked with the flag clear: a pending interrupt makes every park return at once (a spin).
      // Timed: the finished campaign's drop after the retention is a deadline a day ahead.
      Thread thread = awaitEngineThread(Thread.State.TIMED_WAITING, "idle, parked till the drop");
      assertEquals(false, thread.isInterrupted());
    }
  }

  /**
   * A wall clock a test can hold at one instant or set running in real time from one. Holding it
   * makes an assertion about the instant work is judged at independent of how long the machine
   * takes to get there.
   */
  private static final class TestClock implements InstantSource {
    private volatile Duration shift = Duration.ZERO;
    private volatile Instant held; // null: running

    /** Reads {@code at} until {@link #runFrom} is called. */
    void hold(Instant at) {
      held = at;
    }

    /** Runs in real time from {@code at}, from now on. */
    void runFrom(Instant at) {
      shift = Duration.between(Instant.now(), at);
      held = null; // after the shift: a reader that finds it cleared sees the new shift
    }

    @Override
    public Instant instant() {
      Instant at = held;
      return at != null ? at : Instant.now().plus(shift);
    }
  }

  /** Waits (bounded) until the live engine thread is in {@code state} with no interrupt pending. */
  private static Thread awaitEngineThread(Thread.State state, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      for (Thread thread : Thread.getAllStackTraces().keySet()) {
        if (thread.getName().equals("outdial-engine")
            && thread.getState() == state
            && !thread.isInterrupted()) {
          return thread;
        }
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // between looks, not a wait for work
    }
    throw new AssertionError("the engine thread was never " + state + " (" + what + ")");
  }
}
