package dev.outdial.server.support;

import dev.outdial.server.ApiKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server in a child JVM (this JVM's {@code java}, the test classpath), for what one JVM cannot
 * show about itself: JVM-wide settings read once, heap limits, exiting. Its stdout and stderr go to
 * a log file; {@link #start} returns once it printed the address it listens on.
 */
public final class ChildServer implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  public final ApiKeys.GeneratedKey key;
  private final Process process;
  private final Path log;
  private final URI baseUri;

  private ChildServer(
      Path dir,
      List<String> jvmArgs,
      String mainClass,
      String configJson,
      ApiKeys.GeneratedKey key) {
    this.key = key;
    try {
      Path config = dir.resolve("outdial.json");
      Files.writeString(
          config,
          configJson
              .replace("KEY_ID", key.keyId())
              .replace("KEY_SHA256", key.stored().secretSha256()));
      this.log = newLog(dir);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmArgs);
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(mainClass);
      command.add("--config");
      command.add(config.toString());
      this.process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      this.baseUri = awaitAddress(Duration.ofSeconds(60));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts {@code mainClass --config FILE} with {@code configJson}, in which {@code KEY_ID} and
   * {@code KEY_SHA256} stand for {@link #key}.
   */
  public static ChildServer start(
      Path dir, List<String> jvmArgs, String mainClass, String configJson) {
    return new ChildServer(dir, jvmArgs, mainClass, configJson, ApiKeys.generate());
  }

  /**
   * Starts the server again in {@code dir} (its store, its configuration) with {@code previous}'s
   * key: a restart. {@code previous} must have exited. Its log goes to a new file.
   */
  public static ChildServer restart(
      Path dir, List<String> jvmArgs, String mainClass, String configJson, ChildServer previous) {
    if (previous.process.isAlive()) {
      throw new IllegalStateException("the previous server still runs");
    }
    return new ChildServer(dir, jvmArgs, mainClass, configJson, previous.key);
  }

  /** {@code server.log}, or {@code server-2.log}, ... when the server was started there before. */
  private static Path newLog(Path dir) {
    Path log = dir.resolve("server.log");
    for (int n = 2; Files.exists(log); n++) {
      log = dir.resolve("server-" + n + ".log");
    }
    return log;
  }

  /**
   * Kills the server with SIGKILL (what {@link Process#destroyForcibly()} sends on Linux): no
   * shutdown hook runs, nothing is committed or closed. Returns its exit status (137 for SIGKILL).
   */
  public int kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the child server survived SIGKILL for 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return process.exitValue();
  }

  private URI awaitAddress(Duration limit) throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(log());
      if (m.find()) {
        return URI.create(m.group(1));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the child server exited at start:\n" + log());
      }
      try {
        process.waitFor(50, TimeUnit.MILLISECONDS); // returns at once if it exits
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("the child server did not start in " + limit + ":\n" + log());
  }

  public URI uri(String path) {
    return baseUri.resolve(path);
  }

  public Process process() {
    return process;
  }

  /** Everything the child printed so far. */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
