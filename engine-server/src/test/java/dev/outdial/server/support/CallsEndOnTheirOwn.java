package dev.outdial.server.support;

import dev.outdial.twilio.fake.FakeCall;
import dev.outdial.twilio.fake.FakeTwilio;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends each live call of the fake Twilio on its own, a random time after it is first seen live,
 * with a random final status, whether or not the server that made it is up to hear the callback: as
 * real Twilio does while a server is killed or frozen.
 */
public final class CallsEndOnTheirOwn {
  private CallsEndOnTheirOwn() {}

  /**
   * Every 10 ms on {@code ender}: a call live for its length ({@code leastMillis} plus up to {@code
   * spreadMillis}, drawn from {@code seed}) is completed with one of {@code ends}.
   */
  public static void start(
      FakeTwilio twilio,
      ScheduledExecutorService ender,
      long seed,
      int leastMillis,
      int spreadMillis,
      List<String> ends) {
    Map<String, Long> endsAt = new ConcurrentHashMap<>();
    Random lengths = new Random(seed ^ 0x5DEECE66DL);
    ender.scheduleWithFixedDelay(
        () -> {
          long now = System.nanoTime();
          for (FakeCall call : twilio.calls()) {
            if (!call.live()) {
              continue;
            }
            long due =
                endsAt.computeIfAbsent(
                    call.sid(),
                    sid ->
                        now
                            + TimeUnit.MILLISECONDS.toNanos(
                                leastMillis + lengths.nextInt(spreadMillis)));
            if (now - due >= 0) {
              try {
                twilio.complete(call.sid(), ends.get(lengths.nextInt(ends.size())));
              } catch (RuntimeException serverDown) {
                // The status changed at Twilio; the callback is lost, as it is with real Twilio.
              }
            }
          }
        },
        10,
        10,
        TimeUnit.MILLISECONDS);
  }
}
