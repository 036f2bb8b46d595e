package dev.outdial.server;

import dev.outdial.server.internal.FatalErrors;
import dev.outdial.server.internal.KeyFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar outdial-server.jar [--config FILE]}: starts the standalone server.
 *
 * <p>Without {@code --config} it runs the sample configuration shipped in the jar (the seed's agent
 * and number, the simulated dialer, 127.0.0.1:8080). When no API key is configured, the first start
 * generates one, stores only its hash in the key file and prints the secret once. SIGTERM (or
 * Ctrl-C) stops it gracefully. An {@code Error} that escapes any thread ({@code OutOfMemoryError}
 * above all) is logged and the JVM halts with status 70, for a supervisor to restart it.
 */
public final class OutdialServerMain {
  private OutdialServerMain() {}

  public static void main(String[] args) {
    FatalErrors.exitOnUncaughtError();
    try {
      OutdialServer server = start(args, System.out);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "outdial-shutdown"));
    } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
      System.err.println("outdial: " + e.getMessage());
      System.exit(2);
    }
  }

  /** Parses the arguments, makes sure a key exists, and starts the server. */
  static OutdialServer start(String[] args, PrintStream out) {
    ServerConfig config = config(args);
    config = config.withApiKeys(keys(config, out));
    OutdialServer server = OutdialServer.builder(config).start();
    String dialer = config.twilio() == null ? "simulated dialer" : "dialling through Twilio";
    out.println("Outdial is listening on " + server.baseUri() + " (" + dialer + ")");
    out.println("Try: curl " + server.baseUri() + "/v1/calls/batch ... (see README.md)");
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

  /** The configured keys plus the key file's; a first key is generated when there are none. */
  private static List<ServerConfig.KeyEntry> keys(ServerConfig config, PrintStream out) {
    Path file = Path.of(config.apiKeysFile());
    List<ServerConfig.KeyEntry> keys = new ArrayList<>(config.apiKeys());
    for (ApiKeys.StoredKey stored : KeyFile.read(file)) {
      keys.add(new ServerConfig.KeyEntry(stored.keyId(), stored.secretSha256(), null));
    }
    if (keys.isEmpty()) {
      ApiKeys.GeneratedKey key = ApiKeys.generate();
      KeyFile.create(file, key.stored());
      keys.add(new ServerConfig.KeyEntry(key.keyId(), key.stored().secretSha256(), null));
      out.println("No API key was configured, so one was created. Its secret is shown only now:");
      out.println();
      out.println("    Authorization: Bearer " + key.token());
      out.println();
      out.println("Only its SHA-256 is kept, in " + file.toAbsolutePath() + ".");
    }
    return keys;
  }
}
