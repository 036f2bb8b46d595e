package dev.outdial.server.support;

import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.store.CampaignStore;
import dev.outdial.server.ApiKeys;
import dev.outdial.server.OutdialServer;
import dev.outdial.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A real server on an ephemeral loopback port with two keys, A and B, and a small HTTP client. The
 * sample configuration's agent (the seed's) plus agents for the creation-failure cases.
 */
public final class TestServer implements AutoCloseable {
  public static final String AGENT_ID = "agent_125207e452f8714a";
  public static final String TWO_NUMBERS_AGENT = "agent_two_numbers";
  public static final String NO_NUMBER_AGENT = "agent_no_number";

  public final ApiKeys.GeneratedKey keyA;
  public final ApiKeys.GeneratedKey keyB;
  public final OutdialServer server;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private TestServer(
      InstantSource clock, EngineListener listener, UnaryOperator<ServerConfig> edit) {
    this(clock, listener, edit, null, null, null);
  }

  private TestServer(
      InstantSource clock,
      EngineListener listener,
      UnaryOperator<ServerConfig> edit,
      @Nullable CampaignStore store,
      @Nullable TestServer previous,
      @Nullable Dialer dialer) {
    this.keyA = previous != null ? previous.keyA : ApiKeys.generate();
    this.keyB = previous != null ? previous.keyB : ApiKeys.generate();
    ServerConfig config =
        edit.apply(
            config()
                .withApiKeys(
                    List.of(
                        new ServerConfig.KeyEntry(keyA.keyId(), keyA.stored().secretSha256(), null),
                        new ServerConfig.KeyEntry(
                            keyB.keyId(), keyB.stored().secretSha256(), null))));
    OutdialServer.Builder builder = OutdialServer.builder(config).clock(clock).listener(listener);
    if (store != null) {
      builder.store(store);
    }
    if (dialer != null) {
      builder.dialer(dialer);
    }
    this.server = builder.start();
  }

  /**
   * A server committing to {@code store}; with {@code previous}, its keys (a restart of it on the
   * same store).
   */
  public static TestServer onStore(
      InstantSource clock, CampaignStore store, @Nullable TestServer previous) {
    return new TestServer(clock, EngineListener.none(), c -> c, store, previous, null);
  }

  /**
   * A server dialling through {@code dialer}, its configuration edited by {@code edit}, committing
   * to {@code store} if given (with {@code previous}, a restart of it).
   */
  public static TestServer withDialer(
      InstantSource clock,
      Dialer dialer,
      EngineListener listener,
      UnaryOperator<ServerConfig> edit,
      @Nullable CampaignStore store,
      @Nullable TestServer previous) {
    return new TestServer(clock, listener, edit, store, previous, dialer);
  }

  public static TestServer start(InstantSource clock) {
    return new TestServer(clock, EngineListener.none(), c -> c);
  }

  public static TestServer start(
      InstantSource clock, EngineListener listener, UnaryOperator<ServerConfig> edit) {
    return new TestServer(clock, listener, edit);
  }

  /** The sample configuration on port 0, with two more agents, keeping nothing across restarts. */
  private static ServerConfig config() {
    String json =
        """
        {
          "listen": {"host": "127.0.0.1", "port": 0},
          "agents": [
            {"agent_id": "agent_125207e452f8714a", "timezone": "Europe/London",
             "outbound_numbers": ["+447446466847"]},
            {"agent_id": "agent_two_numbers", "outbound_numbers": ["+447446466847", "+447446466848"]},
            {"agent_id": "agent_no_number", "outbound_numbers": []}
          ],
          "default_limits": {"max_concurrent_calls": 5, "calls_per_second": 1000, "burst": 50},
          "simulated_dialer": {"outcomes": {"completed": 1, "busy": 1, "no_answer": 1},
                               "min_call_seconds": 0, "max_call_seconds": 0, "seed": 7},
          "http": {"threads": 4, "max_body_bytes": 65536, "shutdown_grace_seconds": 5},
          "store": {"type": "memory"}
        }
        """;
    return ServerConfig.read(json);
  }

  public URI uri(String path) {
    return server.baseUri().resolve(path);
  }

  /** The seed's request body, byte for byte. */
  public static byte[] seedBody() {
    try (InputStream in = TestServer.class.getResourceAsStream("/seed-request.json")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public HttpResponse<String> post(String path, ApiKeys.GeneratedKey key, String json) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", "Bearer " + key.token())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build());
  }

  public HttpResponse<String> post(String path, ApiKeys.GeneratedKey key) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", "Bearer " + key.token())
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  public HttpResponse<String> get(String path, ApiKeys.GeneratedKey key) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", "Bearer " + key.token())
            .GET()
            .build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
  }

  @Override
  public void close() {
    server.close();
  }
}
