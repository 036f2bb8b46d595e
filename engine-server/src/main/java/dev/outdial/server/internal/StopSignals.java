package dev.outdial.server.internal;

import java.util.List;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT stop the server gracefully and exit with status 0. The JVM's own handling runs
 * the shutdown hooks too, but then exits 143 (or 130), which a supervisor may count as a failure.
 */
public final class StopSignals {
  private StopSignals() {}

  /** On SIGTERM or SIGINT: {@code stop}, then exit 0 (the shutdown hooks still run). */
  public static void exitZeroAfter(Runnable stop) {
    for (String name : List.of("TERM", "INT")) {
      try {
        Signal.handle(
            new Signal(name),
            // The JDK runs a handler on a small daemon thread: were the stop done there, the JVM
            // would exit as soon as the HTTP server's threads end, mid-commit.
            signal ->
                new Thread(
                        () -> {
                          stop.run();
                          System.exit(0);
                        },
                        "outdial-stop")
                    .start());
      } catch (IllegalArgumentException taken) {
        // The JVM uses or ignores this signal here (-Xrs, nohup): its default handling stays.
      }
    }
  }
}
