package dev.outdial.twilio.fake;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request the {@link FakeTwilio} received, authenticated or not.
 *
 * @param method {@code GET} or {@code POST}
 * @param path the path, e.g. {@code /2010-04-01/Accounts/AC../Calls.json}
 * @param query the query parameters, in order
 * @param form the form parameters of the body, in order (a repeated name keeps every value)
 * @param authenticated whether its Basic credentials were accepted
 * @param at when it arrived, by the fake's clock (the test's clock, so pacing is judged on it)
 */
public record RecordedRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, List<String>> form,
    boolean authenticated,
    Instant at) {

  /** The first value of a form parameter, or {@code null}. */
  public @Nullable String param(String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Every value of a form parameter (empty if absent). */
  public List<String> params(String name) {
    return form.getOrDefault(name, List.of());
  }
}
