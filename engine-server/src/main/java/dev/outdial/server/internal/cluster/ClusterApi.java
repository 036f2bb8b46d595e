package dev.outdial.server.internal.cluster;

import dev.outdial.server.ApiKeys;
import dev.outdial.server.ApiRequest;
import dev.outdial.server.ApiResponse;
import dev.outdial.server.internal.ApiError;
import dev.outdial.server.internal.ApiHandler;
import dev.outdial.server.internal.BodyAdmission;
import dev.outdial.server.internal.BoundedBody;
import dev.outdial.store.RequestRelay;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API on a node of a cluster: a request for a key this node holds is answered by the key's
 * engine here; any other is passed on through the database to the node that holds the key, and its
 * answer returned (docs/cluster.md, "Any node answers any request").
 *
 * <p>A create passed on without an {@code Idempotency-Key} gets one, so that the key's next owner,
 * should the owner stop after creating the campaign and before answering, answers with the same
 * campaign instead of creating it again. When no node takes the request within the relay time it is
 * withdrawn and answered 503 {@code key_unavailable}: it was not applied. When a node took it but
 * did not answer in time, the answer is 504 {@code relay_timeout}: it may have taken effect, and
 * the message gives the {@code Idempotency-Key} to retry a create with.
 */
public final class ClusterApi {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterApi.class);
  private static final int RETRY_AFTER_SECONDS = 5;

  private final ClusterNode node;
  private final ApiKeys keys;
  private final long maxBodyBytes;
  private final Duration relayTime;
  private final BodyAdmission admission;

  public ClusterApi(
      ClusterNode node,
      ApiKeys keys,
      long maxBodyBytes,
      Duration relayTime,
      BodyAdmission admission) {
    this.admission = admission;
    this.node = node;
    this.keys = keys;
    this.maxBodyBytes = maxBodyBytes;
    this.relayTime = relayTime;
  }

  /** Answers one request, here or through the key's owner; never throws. */
  public ApiResponse handle(ApiRequest request) {
    try {
      Optional<String> keyId = keys.authenticate(request.header("Authorization"));
      if (keyId.isEmpty()) {
        return ApiHandler.error(ApiError.unauthorized());
      }
      ApiResponse local = node.serve(keyId.get(), request);
      if (local != null) {
        return local;
      }
      return relayed(keyId.get(), request);
    } catch (ApiError e) {
      return ApiHandler.error(e);
    } catch (RuntimeException e) {
      LOG.warn(
          "{} {}: passing the request on failed: {}",
          request.method(),
          request.path(),
          e.toString());
      return ApiHandler.error(
          new ApiError(
              503,
              "store_unavailable",
              "this node could not pass the request to the node owning its key (the database"
                  + " failed); it was not applied: retry"));
    }
  }

  private ApiResponse relayed(String keyId, ApiRequest request) {
    if (request.method().equals("GET")) {
      return relayed(keyId, request, new byte[0]);
    }
    // The body is held here until the owner answers: within the node's bytes in flight.
    try (BodyAdmission.Ticket admitted =
        admission.admit(request.body(), request.header("Content-Length"), maxBodyBytes)) {
      return relayed(
          keyId,
          request,
          BoundedBody.read(request.body(), request.header("Content-Length"), maxBodyBytes));
    }
  }

  private ApiResponse relayed(String keyId, ApiRequest request, byte[] body) {
    Map<String, List<String>> headers = new HashMap<>(request.headers());
    // Authenticated here; the client's secret is not passed through the database.
    headers.keySet().removeIf(name -> name.equalsIgnoreCase("Authorization"));
    String idempotencyKey = request.header("Idempotency-Key");
    if (idempotencyKey == null && isCreate(request)) {
      idempotencyKey = "outdial-relay-" + UUID.randomUUID();
      headers.put("Idempotency-Key", List.of(idempotencyKey));
    }
    ApiRequest passed =
        new ApiRequest(
            request.method(),
            request.path(),
            request.query(),
            headers,
            new ByteArrayInputStream(body));
    byte[] bytes = RelayCodec.request(passed, body);
    RequestRelay relay = node.relay();
    long id = relay.submit(keyId, bytes); // a failure here: nothing was submitted, nothing runs
    try {
      Optional<byte[]> answer = relay.await(id, relayTime);
      if (answer.isPresent()) {
        return RelayCodec.response(answer.get());
      }
      if (relay.withdraw(id)) {
        return ApiHandler.error(
            new ApiError(
                503,
                "key_unavailable",
                "no node of the cluster took this request for key "
                    + keyId
                    + " within "
                    + relayTime.toSeconds()
                    + " s (its node may be failing over); it was not applied: retry in "
                    + RETRY_AFTER_SECONDS
                    + " s"));
      }
      // Taken, not answered: the owner may stop before answering; its successor takes it again.
      answer = relay.await(id, relayTime);
      if (answer.isPresent()) {
        return RelayCodec.response(answer.get());
      }
      abandon(relay, id); // no node may run it after its client was told it may have
      return mayHaveRun(
          keyId,
          request,
          idempotencyKey,
          "did not answer within " + relayTime.multipliedBy(2).toSeconds() + " s");
    } catch (RuntimeException e) {
      // Submitted: it may run, whatever failed here. Never say "not applied" now.
      LOG.warn(
          "{} {}: waiting for key {}'s node failed: {}",
          request.method(),
          request.path(),
          keyId,
          e.toString());
      abandon(relay, id);
      return mayHaveRun(
          keyId,
          request,
          idempotencyKey,
          "could not be followed to its answer (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static void abandon(RequestRelay relay, long id) {
    try {
      relay.abandon(id);
    } catch (RuntimeException e) {
      LOG.warn("abandoning relayed request {} failed: {}", id, e.toString());
    }
  }

  private static ApiResponse mayHaveRun(
      String keyId, ApiRequest request, @Nullable String idempotencyKey, String what) {
    String retry =
        idempotencyKey != null && isCreate(request)
            ? "retry with Idempotency-Key: " + idempotencyKey + " so that it is not made twice"
            : "read the campaign to see whether it did before retrying";
    return ApiHandler.error(
        new ApiError(
            504,
            "relay_timeout",
            "this request for key "
                + keyId
                + " was passed to the node owning the key, which "
                + what
                + "; it may have taken effect: "
                + retry));
  }

  private static boolean isCreate(ApiRequest request) {
    return request.method().equals("POST") && request.path().equals("/v1/calls/batch");
  }
}
