package dev.outdial.server.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outdial.server.ApiRequest;
import dev.outdial.server.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/agent/calls/{call_id}/context} with {@code Authorization: Bearer <token>}: a voice
 * agent reads the call it is on — effective prompt, variables, from, to, campaign name. The token
 * is the one the voice URL's TwiML handed its stream; an unknown call and a wrong, expired or other
 * call's token all get the same {@code 404}.
 */
public final class ContextRoute {
  /** Where the route is mounted. */
  public static final String PREFIX = "/v1/agent/";

  private static final Pattern PATH = Pattern.compile("/v1/agent/calls/([^/]+)/context");

  private final CallContexts contexts;

  public ContextRoute(CallContexts contexts) {
    this.contexts = contexts;
  }

  /** Answers one request. */
  public ApiResponse answer(ApiRequest request) {
    Matcher path = PATH.matcher(request.path());
    if (!path.matches()) {
      return ApiHandler.error(new ApiError(404, "not_found", "no such route"));
    }
    if (!request.method().equals("GET")) {
      return ApiHandler.error(new ApiError(405, "method_not_allowed", "allowed: GET"));
    }
    String callId = path.group(1);
    Optional<CallContexts.Context> context = contexts.context(callId, bearer(request));
    if (context.isEmpty()) {
      return ApiHandler.error(
          new ApiError(404, "not_found", "call '" + Quoted.cut(callId) + "' was not found"));
    }
    CallContexts.Context c = context.get();
    ObjectNode json = Json.object();
    json.put("call_id", c.callId());
    json.put("campaign_id", c.campaignId());
    json.put("campaign_name", c.campaignName());
    json.put("agent_id", c.agentId());
    json.put("from", c.from());
    json.put("to", c.to());
    json.put("prompt", c.prompt());
    ObjectNode variables = json.putObject("variables");
    c.variables().forEach(variables::put);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json; charset=utf-8");
    headers.put("Cache-Control", "no-store");
    return new ApiResponse(200, headers, Json.bytes(json));
  }

  private static String bearer(ApiRequest request) {
    String header = request.header("Authorization");
    return header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : null;
  }
}
