package dev.outdial.server;

import com.sun.net.httpserver.HttpHandler;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.server.internal.ApiHandler;
import dev.outdial.server.internal.BodyAdmission;
import dev.outdial.server.internal.JdkExchanges;
import dev.outdial.server.internal.RecipientLedger;
import dev.outdial.server.internal.SuppressionLists;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The seed's REST API over an {@link OutdialEngine}, for a host to mount in its own HTTP server.
 *
 * <p>Routes (all JSON, all under {@code Authorization: Bearer KEY_ID:KEY_SECRET}):
 *
 * <ul>
 *   <li>{@code POST /v1/calls/batch} — create; {@code 201} with the seed's answer
 *   <li>{@code GET /v1/calls/batch/{id}} — the campaign: status, counts, zone, {@code fires_at}
 *   <li>{@code GET /v1/calls/batch/{id}/calls?offset=&limit=} — its calls, in dial order
 *   <li>{@code POST /v1/calls/batch/{id}/launch|pause|resume|cancel}
 *   <li>{@code PUT|DELETE /v1/suppression/{phone}}, {@code GET /v1/suppression?offset=&limit=},
 *       {@code POST /v1/suppression} — the key's suppression list, when the standalone server gives
 *       one (docs/server.md)
 * </ul>
 *
 * <p>Errors are {@code {"error", "reason"?, "message", "invalid"?, "invalid_count"?}} with 400,
 * 401, 404, 405, 408, 409, 413, 415, 429, 500 or 503 (see docs/server.md); they quote at most 100
 * characters of any value and list at most 1,000 problems. Create bodies being read and parsed at
 * once are bounded by the heap ({@code Runtime.maxMemory() / 32} bytes): a create that finds no
 * room within 2 s is answered 503 {@code server_busy} with {@code Retry-After}. A key sees only its
 * own campaigns. {@link #handle} is safe to call from many threads; it never throws and never
 * answers with a stack trace.
 *
 * <p>Mount it with {@link #httpHandler()} in a JDK {@code HttpServer} ({@code
 * server.createContext("/v1/", api.httpHandler())}), or call {@link #handle} from any other server.
 */
public final class OutdialApi {
  private final ApiHandler handler;

  private OutdialApi(Builder builder) {
    this.handler =
        new ApiHandler(
            builder.engine,
            builder.keys,
            builder.maxBodyBytes,
            builder.idempotencyTtl,
            builder.idempotencyMaxBytes,
            builder.admission != null ? builder.admission : BodyAdmission.fromHeap(),
            builder.recipients,
            builder.suppression);
  }

  /** An API over this engine accepting these keys, with the defaults of {@link Builder}. */
  public static Builder builder(OutdialEngine engine, ApiKeys keys) {
    return new Builder(engine, keys);
  }

  /** Answers one request. */
  public ApiResponse handle(ApiRequest request) {
    return handler.handle(request);
  }

  /** This API as a handler for the JDK's built-in {@code com.sun.net.httpserver.HttpServer}. */
  public HttpHandler httpHandler() {
    return exchange -> JdkExchanges.serve(exchange, this::handle);
  }

  /** Settings of an {@link OutdialApi}. */
  public static final class Builder {
    private final OutdialEngine engine;
    private final ApiKeys keys;
    private long maxBodyBytes = 8L << 20;
    private Duration idempotencyTtl = Duration.ofHours(24);
    private long idempotencyMaxBytes = 64L << 20;
    private @Nullable BodyAdmission admission;
    private @Nullable RecipientLedger recipients;
    private @Nullable SuppressionLists suppression;

    private Builder(OutdialEngine engine, ApiKeys keys) {
      this.engine = Objects.requireNonNull(engine, "engine");
      this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** Largest create body accepted; larger ones are 413 (default 8 MiB). */
    public Builder maxBodyBytes(long maxBodyBytes) {
      if (maxBodyBytes < 1024) {
        throw new IllegalArgumentException(
            "maxBodyBytes must be at least 1024, was " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * How long, and within how many bytes of answers, an {@code Idempotency-Key}'s first answer is
     * kept (default 24 h and 64 MiB; the least recently used go first).
     */
    public Builder idempotency(Duration ttl, long maxBytes) {
      if (ttl.isNegative() || ttl.isZero() || maxBytes < 1) {
        throw new IllegalArgumentException("idempotency ttl and maxBytes must be positive");
      }
      this.idempotencyTtl = ttl;
      this.idempotencyMaxBytes = maxBytes;
      return this;
    }

    /**
     * Bounds on what the API takes in at once and holds (the standalone server's {@code capacity}
     * settings); without, bodies in flight are bounded by the heap and recipients are not counted.
     */
    Builder capacity(BodyAdmission admission, RecipientLedger recipients) {
      this.admission = Objects.requireNonNull(admission, "admission");
      this.recipients = Objects.requireNonNull(recipients, "recipients");
      return this;
    }

    /**
     * The per-key suppression lists behind {@code /v1/suppression} (the standalone server's, which
     * its engine also asks); without, those routes answer 404.
     */
    Builder suppression(SuppressionLists suppression) {
      this.suppression = Objects.requireNonNull(suppression, "suppression");
      return this;
    }

    public OutdialApi build() {
      return new OutdialApi(this);
    }
  }
}
