package dev.outdial.server.internal;

import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.spi.OutboundCall;
import dev.outdial.server.ServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone server's dialer when no telephony is configured: every call "rings" for a random
 * length within the configured bounds and ends with an outcome drawn from the configured weights.
 * Each call is logged. A hang-up (campaign canceled) ends the call {@code canceled} at once.
 */
public final class SimulatedDialer implements Dialer, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedDialer.class);

  private final List<EndedReason> outcomes = new ArrayList<>();
  private final List<Integer> cumulativeWeights = new ArrayList<>();
  private final int totalWeight;
  private final int minSeconds;
  private final int maxSeconds;
  private final Random random;
  private final ScheduledExecutorService timer;
  private final Map<String, CallEndSink> pending = new ConcurrentHashMap<>();

  public SimulatedDialer(ServerConfig.Simulation settings) {
    int total = 0;
    for (var e : settings.outcomes().entrySet()) {
      if (e.getValue() > 0) {
        total += e.getValue();
        outcomes.add(EndedReason.fromWire(e.getKey()).orElseThrow());
        cumulativeWeights.add(total);
      }
    }
    this.totalWeight = total;
    this.minSeconds = settings.minCallSeconds();
    this.maxSeconds = settings.maxCallSeconds();
    this.random = settings.seed() == null ? new Random() : new Random(settings.seed());
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "outdial-simulated-dialer");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void dial(OutboundCall call, CallEndSink ends) {
    EndedReason outcome;
    long millis;
    synchronized (random) {
      outcome = pick(random.nextInt(totalWeight));
      millis =
          1000L * minSeconds + (long) (random.nextDouble() * 1000L * (maxSeconds - minSeconds));
    }
    LOG.info(
        "simulated call {} of campaign {}: {} -> {}, will end {} after {} ms",
        call.callId(),
        call.campaignId(),
        call.from(),
        call.to(),
        outcome.wire(),
        millis);
    pending.put(call.callId(), ends);
    timer.schedule(() -> end(call.callId(), outcome), millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void hangUp(String callId) {
    end(callId, EndedReason.CANCELED);
  }

  private void end(String callId, EndedReason reason) {
    CallEndSink sink = pending.remove(callId);
    if (sink == null) {
      return; // hung up before its planned end
    }
    LOG.info("simulated call {} ended {}", callId, reason.wire());
    sink.callEnded(callId, reason, "simulated");
  }

  private EndedReason pick(int draw) {
    for (int i = 0; i < outcomes.size(); i++) {
      if (draw < cumulativeWeights.get(i)) {
        return outcomes.get(i);
      }
    }
    throw new IllegalStateException("draw " + draw + " beyond total weight " + totalWeight);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
