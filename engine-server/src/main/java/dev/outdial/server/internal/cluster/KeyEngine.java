package dev.outdial.server.internal.cluster;

import dev.outdial.engine.OutdialEngine;
import dev.outdial.server.ApiRequest;
import dev.outdial.server.ApiResponse;
import java.util.function.Function;

/**
 * What a node runs for one key it holds: the key's engine, over a store fenced by the key's lease,
 * and the API over that engine.
 *
 * @param engine the key's engine, dialling through a {@link FencedDialer}
 * @param api answers the key's requests, local or relayed
 * @param relaySecret a secret {@code api} accepts for this key besides the client's, drawn by this
 *     node and never sent anywhere: a relayed request, which travels without the client's {@code
 *     Authorization}, is run with it
 */
public record KeyEngine(
    OutdialEngine engine, Function<ApiRequest, ApiResponse> api, String relaySecret) {
  @Override
  public String toString() {
    return "KeyEngine[engine=" + engine + ", relaySecret=<hidden>]";
  }
}
