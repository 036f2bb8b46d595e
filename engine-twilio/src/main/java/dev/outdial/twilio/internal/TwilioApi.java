package dev.outdial.twilio.internal;

import dev.outdial.twilio.TwilioSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four requests the dialer makes to Twilio's Voice API, sent with {@link HttpClient#sendAsync}:
 * nothing here blocks. Each answer (or failure) goes to a {@link Reply} on the HTTP client's
 * threads; {@link InFlight} counts the request until that reply has run.
 */
public final class TwilioApi {
  private static final Logger LOG = LoggerFactory.getLogger(TwilioApi.class);
  private static final String FORM = "application/x-www-form-urlencoded";

  /** How many calls a look-up ({@link #listCalls}) asks for: one page, newest first. */
  static final int LIST_PAGE_SIZE = 20;

  /** Gets exactly one of an answer or a failure. */
  @FunctionalInterface
  public interface Reply {
    void accept(@Nullable ApiAnswer answer, @Nullable Throwable failure);
  }

  private final HttpClient http;
  private final String account;
  private final String calls;
  private final String authorization;
  private final Duration requestTimeout;
  private final InFlight inFlight;

  public TwilioApi(TwilioSettings settings, HttpClient http, InFlight inFlight) {
    this.http = http;
    String base = settings.apiBaseUri().toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    this.account = base + "/2010-04-01/Accounts/" + Form.encode(settings.accountSid());
    this.calls = account + "/Calls";
    String user = settings.apiKey() == null ? settings.accountSid() : settings.apiKey().sid();
    String password = settings.apiKey() == null ? settings.authToken() : settings.apiKey().secret();
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.requestTimeout = settings.requestTimeout();
    this.inFlight = inFlight;
  }

  /** {@code GET Accounts/{sid}.json}: whether the credentials are taken and the account usable. */
  public void fetchAccount(Reply reply) {
    send(get(account + ".json"), reply);
  }

  /**
   * {@code POST Calls.json} with the create-call form; {@code refusal} is asked again as the body
   * is written ({@link GuardedBody}).
   */
  public void createCall(String form, Supplier<@Nullable String> refusal, Reply reply) {
    send(
        request(calls + ".json")
            .header("Content-Type", FORM)
            .POST(new GuardedBody(form, refusal))
            .build(),
        reply);
  }

  /** {@code GET Calls/{sid}.json}. */
  public void fetchCall(String sid, Reply reply) {
    send(get(calls + "/" + Form.encode(sid) + ".json"), reply);
  }

  /** {@code GET Calls.json?To=..&From=..}: the newest calls between these numbers first. */
  public void listCalls(String to, String from, Reply reply) {
    String query =
        new Form()
            .add("To", to)
            .add("From", from)
            .add("PageSize", Integer.toString(LIST_PAGE_SIZE))
            .encoded();
    send(get(calls + ".json?" + query), reply);
  }

  /** {@code POST Calls/{sid}.json} with {@code Status=completed} or {@code canceled}. */
  public void updateStatus(String sid, String status, Reply reply) {
    send(
        post(calls + "/" + Form.encode(sid) + ".json", new Form().add("Status", status).encoded()),
        reply);
  }

  private HttpRequest.Builder request(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(requestTimeout)
        .header("Authorization", authorization)
        .header("Accept", "application/json");
  }

  private HttpRequest post(String url, String form) {
    return request(url)
        .header("Content-Type", FORM)
        .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
        .build();
  }

  private HttpRequest get(String url) {
    return request(url).GET().build();
  }

  private void send(HttpRequest request, Reply reply) {
    inFlight.begin();
    try {
      http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
          .handle(
              (response, failure) -> {
                try {
                  if (failure != null) {
                    reply.accept(null, failure);
                  } else {
                    reply.accept(answerOf(response), null);
                  }
                } catch (RuntimeException bug) {
                  LOG.error(
                      "handling Twilio's answer to {} {} failed",
                      request.method(),
                      request.uri(),
                      bug);
                } finally {
                  inFlight.end();
                }
                return null;
              });
    } catch (RuntimeException refused) {
      try {
        reply.accept(null, refused);
      } finally {
        inFlight.end();
      }
    }
  }

  private static ApiAnswer answerOf(HttpResponse<String> response) {
    return new ApiAnswer(
        response.statusCode(),
        response.body() == null ? "" : response.body(),
        ApiAnswer.retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
  }
}
