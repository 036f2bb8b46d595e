package dev.outdial.server;

import dev.outdial.engine.store.StoreException;
import dev.outdial.server.internal.FatalErrors;
import dev.outdial.server.internal.KeyFile;
import dev.outdial.server.internal.ServerLogging;
import dev.outdial.server.internal.StartUpHint;
import dev.outdial.server.internal.StopSignals;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * {@code java -jar outdial-server.jar [--config FILE]}: starts the standalone server.
 *
 * <p>Without {@code --config} it runs the sample configuration shipped in the jar (the seed's agent
 * and number, the simulated dialer, 127.0.0.1:8080). When no API key is configured, the first start
 * generates one, stores only its hash in the key file and prints the secret once. SIGTERM (or
 * Ctrl-C) stops it gracefully (requests in flight finish, the store commits and closes) and it
 * exits 0. An {@code Error} that escapes any thread ({@code OutOfMemoryError} above all) is logged
 * and the JVM halts with status 70, for a supervisor to restart it.
 */
public final class OutdialServerMain {
  private OutdialServerMain() {}

  public static void main(String[] args) {
    ServerLogging.install();
    FatalErrors.exitOnUncaughtError();
    try {
      // The hook is in place before the server says it listens: a stop right after is graceful.
      start(
          args,
          System.out,
          server -> {
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "outdial-shutdown"));
            StopSignals.exitZeroAfter(server::close);
          });
    } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
      System.err.println("outdial: " + e.getMessage());
      System.exit(2);
    } catch (StoreException e) {
      System.err.println("outdial: cannot open the store: " + e.getMessage());
      System.exit(2);
    }
  }

  /** Parses the arguments, makes sure a key exists, and starts the server. */
  static OutdialServer start(String[] args, PrintStream out) {
    return start(args, out, server -> {});
  }

  /**
   * Parses the arguments, makes sure a key exists, starts the server, hands it to {@code started},
   * then says where it listens and prints a complete request to try.
   */
  static OutdialServer start(String[] args, PrintStream out, Consumer<OutdialServer> started) {
    ServerConfig config = config(args);
    ApiKeys.GeneratedKey generated = generatedKey(config, out);
    config = config.withApiKeys(keys(config));
    OutdialServer server = OutdialServer.builder(config).start();
    started.accept(server);
    out.println(
        "Outdial is listening on " + server.baseUri() + " (" + StartUpHint.dialer(config) + ")");
    out.println();
    out.print(
        StartUpHint.of(config, server.baseUri(), generated == null ? null : generated.token()));
    out.flush();
    return server;
  }

  private static ServerConfig config(String[] args) {
    if (args.length == 0) {
      return ServerConfig.sample();
    }
    if (args.length == 2 && args[0].equals("--config")) {
      return ServerConfig.load(Path.of(args[1]));
    }
    throw new IllegalArgumentException("usage: java -jar outdial-server.jar [--config FILE]");
  }

  /** The configured keys plus the key file's (where a key generated at this start is). */
  private static List<ServerConfig.KeyEntry> keys(ServerConfig config) {
    List<ServerConfig.KeyEntry> keys = new ArrayList<>(config.apiKeys());
    for (ApiKeys.StoredKey stored : KeyFile.read(Path.of(config.apiKeysFile()))) {
      keys.add(new ServerConfig.KeyEntry(stored.keyId(), stored.secretSha256(), null));
    }
    return keys;
  }

  /**
   * When neither the configuration nor the key file has a key: a new one, its hash stored and its
   * secret printed once.
   */
  private static ApiKeys.@Nullable GeneratedKey generatedKey(ServerConfig config, PrintStream out) {
    Path file = Path.of(config.apiKeysFile());
    if (!config.apiKeys().isEmpty() || !KeyFile.read(file).isEmpty()) {
      return null;
    }
    if (config.cluster() != null) {
      throw new IllegalArgumentException(
          "a cluster node needs api_keys in its configuration, the same on every node: a key"
              + " generated here would be known to this node only, and the node owning it would"
              + " refuse it");
    }
    ApiKeys.GeneratedKey key = ApiKeys.generate();
    KeyFile.create(file, key.stored());
    out.println("No API key was configured, so one was created. Its secret is shown only now:");
    out.println();
    out.println("    Authorization: Bearer " + key.token());
    out.println();
    out.println("Only its SHA-256 is kept, in " + file.toAbsolutePath() + ".");
    return key;
  }
}
