package dev.outdial.twilio.fake;

import dev.outdial.twilio.TwilioSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Posts Twilio's callbacks, form-encoded and signed over the exact URL the create gave. */
final class CallbackPoster {
  private static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private final String accountSid;
  private final TwilioSignature signature;
  private final InstantSource clock;
  private final ExecutorService executor = Executors.newCachedThreadPool(FakeTwilio.daemon());
  private final HttpClient http;

  CallbackPoster(String accountSid, String authToken, InstantSource clock) {
    this.accountSid = accountSid;
    this.signature = TwilioSignature.withAuthToken(authToken);
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(executor)
            .build();
  }

  int status(
      FakeCall call,
      String status,
      long sequence,
      Map<String, String> extra,
      FakeTwilio.Signing signing) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", accountSid);
    params.put("ApiVersion", "2010-04-01");
    params.put("CallSid", call.sid());
    params.put("CallStatus", status);
    params.put("Direction", "outbound-api");
    params.put("From", call.from());
    params.put("To", call.to());
    params.put("Called", call.to());
    params.put("Caller", call.from());
    params.put("CallbackSource", "call-progress-events");
    params.put("SequenceNumber", Long.toString(sequence));
    params.put("Timestamp", RFC_2822.format(clock.instant()));
    if (call.answeredBy() != null) {
      params.put("AnsweredBy", call.answeredBy());
    }
    params.putAll(extra);
    return send(call.param("StatusCallback"), params, signing);
  }

  int amd(FakeCall call, String answeredBy, FakeTwilio.Signing signing) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", accountSid);
    params.put("CallSid", call.sid());
    params.put("AnsweredBy", answeredBy);
    params.put("MachineDetectionDuration", "2140");
    return send(call.param("AsyncAmdStatusCallback"), params, signing);
  }

  FakeTwilio.VoiceAnswer voice(FakeCall call, FakeTwilio.Signing signing) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", accountSid);
    params.put("ApiVersion", "2010-04-01");
    params.put("CallSid", call.sid());
    params.put("CallStatus", "in-progress");
    params.put("Direction", "outbound-api");
    params.put("From", call.from());
    params.put("To", call.to());
    params.put("Called", call.to());
    params.put("Caller", call.from());
    HttpResponse<String> answer =
        exchange(call.param("Url"), params, signing, HttpResponse.BodyHandlers.ofString());
    return new FakeTwilio.VoiceAnswer(answer.statusCode(), answer.body());
  }

  private int send(String url, Map<String, String> params, FakeTwilio.Signing signing) {
    return exchange(url, params, signing, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private <T> HttpResponse<T> exchange(
      String url,
      Map<String, String> params,
      FakeTwilio.Signing signing,
      HttpResponse.BodyHandler<T> handler) {
    if (url.isEmpty()) {
      throw new IllegalStateException("the create request gave no callback URL");
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .header("User-Agent", "TwilioProxy/1.1")
            .POST(HttpRequest.BodyPublishers.ofString(FormCodec.encode(params)));
    Map<String, List<String>> signed = new LinkedHashMap<>();
    params.forEach((name, value) -> signed.put(name, List.of(value)));
    switch (signing) {
      case GOOD -> request.header("X-Twilio-Signature", signature.sign(url, signed));
      case WRONG -> request.header("X-Twilio-Signature", signature.sign(url + "x", signed));
      case NONE -> {}
    }
    try {
      return http.send(request.build(), handler);
    } catch (IOException e) {
      throw new IllegalStateException("posting the callback to " + url + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted posting to " + url, e);
    }
  }

  void close() {
    executor.shutdownNow();
  }
}
