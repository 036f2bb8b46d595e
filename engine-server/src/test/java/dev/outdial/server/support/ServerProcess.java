package dev.outdial.server.support;

import dev.outdial.server.ApiKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The standalone server as an operator runs it: {@code OutdialServerMain} in its own JVM, with a
 * configuration file, one known key, and its stdout and stderr collected line by line.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  public final ApiKeys.GeneratedKey key = ApiKeys.generate();
  private final Process process;
  private final List<String> out = new ArrayList<>();
  private final Path errFile;
  private boolean stopped;
  private final URI base;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private ServerProcess(Path dir, String simulatedDialer, List<String> jvmOptions)
      throws IOException {
    Path config = dir.resolve("outdial.json");
    Files.writeString(
        config,
        """
        {
          "listen": {"host": "127.0.0.1", "port": 0},
          "agents": [{"agent_id": "agent_125207e452f8714a", "timezone": "Europe/London",
                      "outbound_numbers": ["+447446466847"]}],
          "api_keys": [{"key_id": "%s", "secret_sha256": "%s"}],
          "api_keys_file": "%s",
          "simulated_dialer": %s
        }
        """
            .formatted(
                key.keyId(),
                key.stored().secretSha256(),
                dir.resolve("keys.json").toString(),
                simulatedDialer));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.outdial.server.OutdialServerMain");
    command.add("--config");
    command.add(config.toString());
    // To a file, not a pipe: the JDK drops what a child writes to a pipe as it exits.
    this.errFile = dir.resolve("stderr.log");
    this.process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectError(errFile.toFile()).start();
    this.base = URI.create(awaitStdout(LISTENING).group(1));
  }

  /** Starts the server in a new JVM with these JVM options; answers once it listens. */
  public static ServerProcess start(Path dir, String... jvmOptions) {
    return withDialer(
        dir, "{\"min_call_seconds\": 0, \"max_call_seconds\": 0, \"seed\": 1}", jvmOptions);
  }

  /** As {@link #start}, with this {@code simulated_dialer} section. */
  public static ServerProcess withDialer(Path dir, String simulatedDialer, String... jvmOptions) {
    try {
      return new ServerProcess(dir, simulatedDialer, List.of(jvmOptions));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Matcher awaitStdout(Pattern pattern) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      synchronized (out) {
        out.add(line);
      }
      Matcher m = pattern.matcher(line);
      if (m.find()) {
        collect(process.getInputStream(), out);
        return m;
      }
    }
    throw new IllegalStateException(
        "the server stopped before listening; stderr: " + Files.readString(errFile));
  }

  private static void collect(InputStream in, List<String> lines) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (lines) {
                    lines.add(line);
                  }
                }
              } catch (IOException e) {
                // the process went away
              }
            },
            "child-server-output");
    reader.setDaemon(true);
    reader.start();
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .header("Authorization", "Bearer " + key.token());
  }

  /** What the server printed to stdout so far. */
  public List<String> outLines() {
    synchronized (out) {
      return List.copyOf(out);
    }
  }

  /** The exit status, once it has stopped ({@link #close()}). */
  public int exitValue() {
    if (!stopped) {
      throw new IllegalStateException("read the exit status after close()");
    }
    return process.exitValue();
  }

  /** Everything the server logged, once it has stopped ({@link #close()}). */
  public List<String> errLines() {
    if (!stopped) {
      throw new IllegalStateException("read the log after close()");
    }
    try {
      return Files.readAllLines(errFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops it as an operator does (SIGTERM), and waits until it has exited. */
  @Override
  public void close() {
    if (stopped) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      stopped = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
