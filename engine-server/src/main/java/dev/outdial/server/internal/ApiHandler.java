package dev.outdial.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outdial.engine.IdempotentCreate;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.RejectedException;
import dev.outdial.engine.store.StoreException;
import dev.outdial.server.ApiKeys;
import dev.outdial.server.ApiRequest;
import dev.outdial.server.ApiResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes one request of the seed's API: method and path, then the API key, then the body. Every
 * failure becomes the JSON error body; nothing unexpected escapes with a stack trace.
 */
public final class ApiHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final String BATCH = "/v1/calls/batch";
  private static final Pattern CAMPAIGN =
      Pattern.compile("/v1/calls/batch/([^/]+)(?:/(launch|cancel|pause|resume|calls))?");
  private static final Pattern CAMPAIGN_ID = Pattern.compile("batchcall_[0-9a-f]{16}");
  private static final String SUPPRESSION = "/v1/suppression";
  private static final Pattern SUPPRESSED_PHONE = Pattern.compile("/v1/suppression/([^/]+)");

  /** A failing store's error code; the engine retries its commits with a back-off up to 30 s. */
  private static final String STORE_UNAVAILABLE = "store_unavailable";

  private static final int STORE_RETRY_AFTER_SECONDS = 5;

  private final OutdialEngine engine;
  private final ApiKeys keys;
  private final long maxBodyBytes;
  private final CreateCampaign creates;
  private final IdempotentCreates idempotent;
  private final BodyAdmission admission;
  private final @Nullable RecipientLedger recipients;
  private final @Nullable SuppressionRoute suppression;

  public ApiHandler(
      OutdialEngine engine,
      ApiKeys keys,
      long maxBodyBytes,
      Duration idempotencyTtl,
      long idempotencyMaxBytes,
      BodyAdmission admission,
      @Nullable RecipientLedger recipients,
      @Nullable SuppressionLists suppression) {
    this.engine = engine;
    this.suppression = suppression == null ? null : new SuppressionRoute(suppression);
    this.admission = admission;
    this.recipients = recipients;
    this.keys = keys;
    this.maxBodyBytes = maxBodyBytes;
    this.creates = new CreateCampaign(engine);
    this.idempotent =
        new IdempotentCreates(
            idempotencyTtl,
            idempotencyMaxBytes,
            engine::firstAnswer,
            ApiHandler::created,
            c -> Json.bytes(Answers.created(c)));
  }

  /** The JSON 404 for paths outside the API, for a server's catch-all route. */
  public static ApiResponse noRoute(String path) {
    return error(new ApiError(404, "not_found", "no such route: " + Quoted.cut(path)));
  }

  public ApiResponse handle(ApiRequest request) {
    try {
      return route(request);
    } catch (ApiError e) {
      return error(e);
    } catch (StoreException e) {
      String ref = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
      // The engine logged the failure with its cause; one line per request is enough here.
      LOG.warn("{} {} failed (ref {}): {}", request.method(), request.path(), ref, e.toString());
      return error(
          new ApiError(
              503,
              STORE_UNAVAILABLE,
              "the campaign store failed, so this operation may not have been recorded (ref "
                  + ref
                  + "); retry in "
                  + STORE_RETRY_AFTER_SECONDS
                  + (request.path().startsWith(SUPPRESSION)
                      ? " s"
                      : " s, a create with the same Idempotency-Key so that it is not made"
                          + " twice")));
    } catch (RuntimeException e) {
      String ref = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
      LOG.error("{} {} failed (ref {})", request.method(), request.path(), ref, e);
      return error(
          new ApiError(
              500, "internal_error", "the server failed to answer this request (ref " + ref + ")"));
    }
  }

  private ApiResponse route(ApiRequest request) {
    String path = request.path();
    if (path.equals(BATCH)) {
      allow(request, "POST");
      String keyId = authenticate(request);
      return create(request, keyId);
    }
    if (suppression != null && (path.equals(SUPPRESSION) || path.startsWith(SUPPRESSION + "/"))) {
      return suppression(request, suppression);
    }
    Matcher m = CAMPAIGN.matcher(path);
    if (!m.matches()) {
      throw new ApiError(404, "not_found", "no such route: " + Quoted.cut(path));
    }
    String campaignId = m.group(1);
    String action = m.group(2);
    allow(request, action == null || action.equals("calls") ? "GET" : "POST");
    String keyId = authenticate(request);
    if (!CAMPAIGN_ID.matcher(campaignId).matches()) {
      // Not an id we could have made: the same answer as an unknown one, quoting little of it.
      throw new ApiError(404, "not_found", "campaign '" + Quoted.cut(campaignId) + "' not found");
    }
    try {
      if (action == null) {
        return ok(Answers.campaign(engine.campaign(keyId, campaignId)));
      }
      return switch (action) {
        case "calls" -> calls(request, keyId, campaignId);
        case "launch" -> ok(Answers.campaign(engine.launch(keyId, campaignId)));
        case "pause" -> ok(Answers.campaign(engine.pause(keyId, campaignId)));
        case "resume" -> ok(Answers.campaign(engine.resume(keyId, campaignId)));
        case "cancel" -> ok(Answers.campaign(engine.cancel(keyId, campaignId)));
        default -> throw new IllegalStateException("unrouted action " + action);
      };
    } catch (RejectedException e) {
      throw Refusals.of(e.rejection());
    }
  }

  private ApiResponse suppression(ApiRequest request, SuppressionRoute route) {
    String path = request.path();
    SuppressionRoute.Answer answer;
    if (path.equals(SUPPRESSION)) {
      allow(request, "GET", "POST");
      String keyId = authenticate(request);
      if (request.method().equals("GET")) {
        answer = route.list(keyId, request);
      } else {
        ContentType.requireJson(request.header("Content-Type"));
        try (BodyAdmission.Ticket admitted =
            admission.admit(
                request.body(),
                request.header("Content-Length"),
                SuppressionRoute.MAX_BULK_BODY_BYTES)) {
          answer = route.addAll(keyId, request);
        }
      }
    } else {
      Matcher m = SUPPRESSED_PHONE.matcher(path);
      if (!m.matches()) {
        throw new ApiError(404, "not_found", "no such route: " + Quoted.cut(path));
      }
      allow(request, "PUT", "DELETE");
      String keyId = authenticate(request);
      answer =
          request.method().equals("PUT")
              ? route.add(keyId, m.group(1))
              : route.remove(keyId, m.group(1));
    }
    return new ApiResponse(answer.status(), jsonHeaders(), Json.bytes(answer.json()));
  }

  private ApiResponse create(ApiRequest request, String keyId) {
    ContentType.requireJson(request.header("Content-Type"));
    try (BodyAdmission.Ticket admitted =
        admission.admit(request.body(), request.header("Content-Length"), maxBodyBytes)) {
      byte[] body =
          BoundedBody.read(request.body(), request.header("Content-Length"), maxBodyBytes);
      Function<@Nullable IdempotentCreate, ApiResponse> create =
          kept -> {
            JsonNode json = Json.parse(body);
            ObjectNode created =
                recipients == null
                    ? creates.create(keyId, json, kept)
                    : recipients.create(keyId, json, () -> creates.create(keyId, json, kept));
            return created(created.get("campaign_id").asText(), Json.bytes(created));
          };
      return idempotent.create(keyId, request.header("Idempotency-Key"), body, create);
    }
  }

  /** {@code 201} with the create's answer and the campaign's {@code Location}. */
  private static ApiResponse created(String campaignId, byte[] answer) {
    Map<String, String> headers = jsonHeaders();
    headers.put("Location", BATCH + "/" + campaignId);
    return new ApiResponse(201, headers, answer);
  }

  private ApiResponse calls(ApiRequest request, String keyId, String campaignId) {
    PageQuery page = PageQuery.parse(request.query());
    // A campaign's retry policy never changes, so this look-up and the page agree.
    boolean retrying = engine.campaign(keyId, campaignId).retry() != null;
    return ok(
        Answers.calls(
            campaignId,
            engine.calls(keyId, campaignId, page.offset(), page.limit()),
            page.limit(),
            retrying));
  }

  private String authenticate(ApiRequest request) {
    return keys.authenticate(request.header("Authorization")).orElseThrow(ApiError::unauthorized);
  }

  private static void allow(ApiRequest request, String... methods) {
    if (!List.of(methods).contains(request.method())) {
      throw ApiError.methodNotAllowed(request.method().toUpperCase(Locale.ROOT), List.of(methods));
    }
  }

  private static ApiResponse ok(ObjectNode json) {
    return new ApiResponse(200, jsonHeaders(), Json.bytes(json));
  }

  public static ApiResponse error(ApiError e) {
    ObjectNode json = Json.object();
    json.put("error", e.code());
    if (e.reason() != null) {
      json.put("reason", e.reason());
    }
    json.put("message", e.getMessage());
    ApiError.Invalid invalid = e.invalid();
    if (invalid != null) {
      json.set("invalid", invalid.listed());
      json.put("invalid_count", invalid.count());
    }
    Map<String, String> headers = jsonHeaders();
    if (e.status() == 401) {
      headers.put("WWW-Authenticate", "Bearer realm=\"outdial\"");
    }
    if (e.status() == 503) {
      headers.put(
          "Retry-After",
          String.valueOf(
              e.code().equals(STORE_UNAVAILABLE)
                  ? STORE_RETRY_AFTER_SECONDS
                  : BodyAdmission.RETRY_AFTER_SECONDS));
    }
    if (e.allow() != null) {
      headers.put("Allow", e.allow());
    } else if (e.status() == 405) {
      headers.put("Allow", e.getMessage().endsWith("GET") ? "GET" : "POST");
    }
    return new ApiResponse(e.status(), headers, Json.bytes(json));
  }

  private static Map<String, String> jsonHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json; charset=utf-8");
    headers.put("Cache-Control", "no-store");
    headers.put("X-Content-Type-Options", "nosniff");
    return headers;
  }
}
