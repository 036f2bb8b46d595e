package dev.outdial.server.internal;

import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone server's rule for an {@code Error} that no code caught ({@code OutOfMemoryError}
 * above all): log it and halt the JVM with {@link #EXIT_STATUS}, so that a supervisor restarts the
 * server. Going on would leave a zombie: a dead HTTP dispatcher thread keeps the port open and
 * answers nothing. Halting skips the graceful stop, which could not run on an exhausted heap.
 * Uncaught exceptions (not errors) are logged and the process goes on.
 */
public final class FatalErrors {
  /** The exit status after a fatal error (70, {@code EX_SOFTWARE} of sysexits.h). */
  public static final int EXIT_STATUS = 70;

  private static final Logger LOG = LoggerFactory.getLogger(FatalErrors.class);

  /**
   * Written straight to stderr whatever logging did (a logger may drop a line it cannot format on
   * an exhausted heap without saying so); made before the heap can run out.
   */
  private static final byte[] LAST_WORDS_OOM =
      ("outdial: fatal java.lang.OutOfMemoryError, exiting with status " + EXIT_STATUS + "\n")
          .getBytes(StandardCharsets.US_ASCII);

  private static final byte[] LAST_WORDS =
      ("outdial: fatal error, exiting with status " + EXIT_STATUS + "\n")
          .getBytes(StandardCharsets.US_ASCII);

  private FatalErrors() {}

  /** Makes this the JVM's default handler of uncaught throwables. */
  public static void exitOnUncaughtError() {
    Thread.setDefaultUncaughtExceptionHandler(FatalErrors::uncaught);
  }

  static void uncaught(Thread thread, Throwable e) {
    if (!(e instanceof Error)) {
      LOG.error("uncaught exception in thread {}", thread.getName(), e);
      return;
    }
    try {
      LOG.error(
          "fatal {} in thread {}: exiting with status {} so that a supervisor restarts the server",
          e.getClass().getName(),
          thread.getName(),
          EXIT_STATUS,
          e);
    } catch (Throwable logging) {
      // the last words below say it
    }
    byte[] words = e instanceof OutOfMemoryError ? LAST_WORDS_OOM : LAST_WORDS;
    System.err.write(words, 0, words.length);
    System.err.flush();
    Runtime.getRuntime().halt(EXIT_STATUS);
  }
}
