package dev.outdial.twilio.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A fake of Twilio's Voice REST API on {@code 127.0.0.1} and an ephemeral port, for tests of the
 * Twilio dialer and of hosts that embed it.
 *
 * <p>It checks HTTP Basic auth (the account SID and auth token, or an API key it was told of;
 * otherwise 401 with Twilio's JSON error 20003), records every request with all its form
 * parameters, and serves {@code POST Calls.json} (create: sid {@code CA} + 32 hex digits, 201 with
 * a Twilio-shaped body, {@code date_created} in RFC 2822), {@code GET Calls.json} (filtered by
 * {@code To} and {@code From}, newest first), {@code GET Calls/{Sid}.json} (404 for a sid it never
 * made) and {@code POST Calls/{Sid}.json} (hang-up). Creates can be scripted per number or for the
 * next requests: 429, 500 after creating the call, a 4xx with a code, a held-back answer, a call
 * listed late; look-ups, fetches and hang-ups can be made to fail. It counts the account's live
 * calls ({@link #maxLiveCalls()}) and dates every request by its clock, so concurrency and pacing
 * are judged at Twilio's side.
 *
 * <p>Callbacks are posted only when the test says ({@link #post}, {@link #postAmd}, {@link
 * #complete}), form-encoded and signed with the auth token over the exact URL the create gave; each
 * returns the HTTP status the webhook answered, so the test knows the callback was handled.
 */
public final class FakeTwilio implements AutoCloseable {
  private static final Pattern CALLS =
      Pattern.compile("/2010-04-01/Accounts/([^/]+)/Calls(?:/([^/]+))?\\.json");
  private static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String accountSid;
  private final String authToken;
  private final InstantSource clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, String> credentials = new HashMap<>();
  private Map<String, String> revoked = Map.of();
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final Map<String, FakeCall> calls = new LinkedHashMap<>();
  private final Deque<CreateAnswer> nextCreates = new ArrayDeque<>();
  private final Map<String, Deque<CreateAnswer>> createsTo = new HashMap<>();
  private final CallbackPoster poster;
  private final ExecutorService executor = Executors.newCachedThreadPool(daemon());
  private volatile CountDownLatch slowAnswers = new CountDownLatch(1);
  private int failingLookups;
  private int failingFetches;
  private int failingHangUps;
  private int maxLiveCalls;
  private final Map<String, Integer> maxLiveCallsFrom = new HashMap<>();
  private HttpServer server;
  private final int port;

  private FakeTwilio(String accountSid, String authToken, InstantSource clock, int port)
      throws IOException {
    this.accountSid = accountSid;
    this.authToken = authToken;
    this.clock = clock;
    this.credentials.put(accountSid, authToken);
    this.poster = new CallbackPoster(accountSid, authToken, clock);
    this.server = bind(port);
    this.port = server.getAddress().getPort();
  }

  /** A fake for this account, dating calls by the system clock. */
  public static FakeTwilio start(String accountSid, String authToken) {
    return start(accountSid, authToken, Clock.systemUTC());
  }

  /** A fake for this account, dating calls by {@code clock}. */
  public static FakeTwilio start(String accountSid, String authToken, InstantSource clock) {
    try {
      return new FakeTwilio(accountSid, authToken, clock, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Also accepts this API key (SID and secret) as Basic credentials. */
  public synchronized FakeTwilio acceptApiKey(String sid, String secret) {
    credentials.put(sid, secret);
    return this;
  }

  /** The base URI to configure as the dialer's {@code apiBaseUri}. */
  public String baseUri() {
    return "http://127.0.0.1:" + port;
  }

  public String accountSid() {
    return accountSid;
  }

  // ---- scripting creates ----

  /**
   * The next create requests to any number get these answers, in order, before any other script.
   */
  public synchronized FakeTwilio onNextCreates(CreateAnswer... answers) {
    nextCreates.addAll(List.of(answers));
    return this;
  }

  /** Creates to {@code to} get these answers, in order; then they are created normally. */
  public synchronized FakeTwilio onCreate(String to, CreateAnswer... answers) {
    createsTo.computeIfAbsent(to, k -> new ArrayDeque<>()).addAll(List.of(answers));
    return this;
  }

  /** The next {@code times} look-ups ({@code GET Calls.json}) answer 500. */
  public synchronized FakeTwilio failLookups(int times) {
    failingLookups = times;
    return this;
  }

  /** The next {@code times} fetches of one call ({@code GET Calls/{Sid}.json}) answer 500. */
  public synchronized FakeTwilio failFetches(int times) {
    failingFetches = times;
    return this;
  }

  /**
   * The next {@code times} hang-ups ({@code POST Calls/{Sid}.json}) answer 500 and change nothing.
   */
  public synchronized FakeTwilio failHangUps(int times) {
    failingHangUps = times;
    return this;
  }

  /**
   * Adds a call that was made before the test (by another process or campaign), created at {@code
   * created}; returns its sid.
   */
  public String seedCall(String to, String from, Instant created, String status) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("To", List.of(to));
    params.put("From", List.of(from));
    FakeCall call = new FakeCall("CA" + hex32(), params, created);
    call.status(status);
    synchronized (this) {
      calls.put(call.sid(), call);
    }
    countLive();
    return call.sid();
  }

  /** Lets held-back create answers go (they are also let go on {@link #close()}). */
  public void releaseSlowAnswers() {
    slowAnswers.countDown();
    slowAnswers = new CountDownLatch(1);
  }

  // ---- what happened ----

  /** Every request so far, in arrival order. */
  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Every create request ({@code POST Calls.json}), answered however. */
  public List<RecordedRequest> createRequests() {
    return requests().stream()
        .filter(r -> r.method().equals("POST") && r.path().endsWith("/Calls.json"))
        .toList();
  }

  /** Every hang-up request ({@code POST Calls/{Sid}.json}). */
  public List<RecordedRequest> hangUps() {
    return requests().stream()
        .filter(r -> r.method().equals("POST") && !r.path().endsWith("/Calls.json"))
        .toList();
  }

  /** Every look-up ({@code GET Calls.json}). */
  public List<RecordedRequest> lookUps() {
    return requests().stream()
        .filter(r -> r.method().equals("GET") && r.path().endsWith("/Calls.json"))
        .toList();
  }

  /** Every fetch of one call ({@code GET Calls/{Sid}.json}). */
  public List<RecordedRequest> fetches() {
    return requests().stream()
        .filter(
            r ->
                r.method().equals("GET")
                    && r.path().contains("/Calls/")
                    && r.path().endsWith(".json"))
        .toList();
  }

  /** Every call created, in order. */
  public synchronized List<FakeCall> calls() {
    return List.copyOf(calls.values());
  }

  /** The calls created to {@code to}. */
  public List<FakeCall> callsTo(String to) {
    return calls().stream().filter(c -> c.to().equals(to)).toList();
  }

  /** The one call created to {@code to}; fails if there is not exactly one. */
  public FakeCall onlyCallTo(String to) {
    List<FakeCall> found = callsTo(to);
    if (found.size() != 1) {
      throw new AssertionError("expected one call to " + to + ", found " + found.size());
    }
    return found.get(0);
  }

  /** How many calls are going now (queued, initiated, ringing or in progress). */
  public synchronized int liveCalls() {
    return (int) calls.values().stream().filter(FakeCall::live).count();
  }

  /**
   * The most calls this account had going at once since the fake started: Twilio-side concurrency,
   * counted at every create and status change.
   */
  public synchronized int maxLiveCalls() {
    return maxLiveCalls;
  }

  /**
   * The most calls from the number {@code from} going at once since the fake started, counted as
   * {@link #maxLiveCalls()} is: one key's concurrency, when each key calls from its own number.
   */
  public synchronized int maxLiveCallsFrom(String from) {
    return maxLiveCallsFrom.getOrDefault(from, 0);
  }

  /** The call with this sid. */
  public synchronized Optional<FakeCall> call(String sid) {
    return Optional.ofNullable(calls.get(sid));
  }

  // ---- callbacks ----

  /** Sets the call's status and posts the signed status callback; returns the webhook's status. */
  public int post(String sid, String status) {
    return post(sid, status, Map.of());
  }

  /** As {@link #post(String, String)}, with extra parameters (ErrorCode, SipResponseCode, ...). */
  public int post(String sid, String status, Map<String, String> extra) {
    FakeCall call = existing(sid);
    changeStatus(call, status);
    return poster.status(call, status, call.takeSequence(), extra, Signing.GOOD);
  }

  /** Posts a status callback with this exact {@code SequenceNumber} (repeats, reordering). */
  public int postWithSequence(String sid, String status, long sequence) {
    FakeCall call = existing(sid);
    changeStatus(call, status);
    return poster.status(call, status, sequence, Map.of(), Signing.GOOD);
  }

  /** Posts a final status callback ({@code completed}, {@code busy}, {@code no-answer}, ...). */
  public int complete(String sid, String finalStatus) {
    if (!List.of("completed", "busy", "no-answer", "failed", "canceled").contains(finalStatus)) {
      throw new IllegalArgumentException(finalStatus + " is not a final call status");
    }
    return post(sid, finalStatus);
  }

  /** Posts the signed AMD callback with this {@code AnsweredBy}. */
  public int postAmd(String sid, String answeredBy) {
    FakeCall call = existing(sid);
    call.answeredBy(answeredBy);
    return poster.amd(call, answeredBy, Signing.GOOD);
  }

  /** Posts a status callback whose signature is wrong; the call's state is left as it was. */
  public int postBadlySigned(String sid, String status) {
    return poster.status(existing(sid), status, 99, Map.of(), Signing.WRONG);
  }

  /** Posts a status callback with no signature header; the call's state is left as it was. */
  public int postUnsigned(String sid, String status) {
    return poster.status(existing(sid), status, 99, Map.of(), Signing.NONE);
  }

  /** Posts an AMD callback whose signature is wrong; the call's state is left as it was. */
  public int postAmdBadlySigned(String sid, String answeredBy) {
    return poster.amd(existing(sid), answeredBy, Signing.WRONG);
  }

  /** What the call's voice URL answered Twilio: the HTTP status and the TwiML. */
  public record VoiceAnswer(int status, String twiml) {}

  /**
   * Answers the call and asks its voice URL ({@code Url} of the create) for TwiML as Twilio does: a
   * signed form POST with {@code CallSid}, {@code CallStatus=in-progress}, {@code From}, {@code
   * To}.
   */
  public VoiceAnswer fetchVoiceUrl(String sid) {
    FakeCall call = existing(sid);
    call.status("in-progress");
    return poster.voice(call, Signing.GOOD);
  }

  /** As {@link #fetchVoiceUrl}, with a wrong signature; the call's state is left as it was. */
  public VoiceAnswer fetchVoiceUrlBadlySigned(String sid) {
    return poster.voice(existing(sid), Signing.WRONG);
  }

  /** As {@link #fetchVoiceUrl}, with no signature header; the call's state is left as it was. */
  public VoiceAnswer fetchVoiceUrlUnsigned(String sid) {
    return poster.voice(existing(sid), Signing.NONE);
  }

  /**
   * The account's auth token is revoked: every request from now on is answered 401 with error
   * 20003, as Twilio does, until {@link #restoreToken}.
   */
  public synchronized void revokeToken() {
    revoked = Map.copyOf(credentials);
    credentials.clear();
  }

  /** The revoked credentials are accepted again. */
  public synchronized void restoreToken() {
    credentials.putAll(revoked);
  }

  /** Every account look-up ({@code GET Accounts/{sid}.json}: a credentials probe). */
  public List<RecordedRequest> accountLookUps() {
    return requests().stream()
        .filter(
            r ->
                r.method().equals("GET")
                    && r.path().equals("/2010-04-01/Accounts/" + accountSid + ".json"))
        .toList();
  }

  /** Changes the call's status without any callback: a lost callback. */
  public void setStatus(String sid, String status) {
    changeStatus(existing(sid), status);
  }

  // ---- lifecycle ----

  /** Stops listening (connections are refused) but keeps every call and record. */
  public synchronized void stop() {
    server.stop(0);
  }

  /** Listens again on the same port after {@link #stop()}. */
  public synchronized void restart() {
    try {
      server = bind(port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    slowAnswers.countDown();
    synchronized (this) {
      server.stop(0);
    }
    executor.shutdownNow();
    poster.close();
  }

  private HttpServer bind(int onPort) throws IOException {
    HttpServer created =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
    created.createContext("/", this::serve);
    created.setExecutor(executor);
    created.start();
    return created;
  }

  // ---- serving ----

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String path = exchange.getRequestURI().getRawPath();
      String rawQuery = exchange.getRequestURI().getRawQuery();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      boolean authenticated = authenticated(exchange.getRequestHeaders().getFirst("Authorization"));
      RecordedRequest request =
          new RecordedRequest(
              method,
              path,
              FormCodec.parse(rawQuery == null ? "" : rawQuery),
              FormCodec.parse(body),
              authenticated,
              clock.instant());
      synchronized (this) {
        requests.add(request);
      }
      Matcher matcher = CALLS.matcher(path);
      if (!authenticated) {
        respond(exchange, 401, error(20003, "Authenticate", 401), null);
      } else if (method.equals("GET")
          && path.equals("/2010-04-01/Accounts/" + accountSid + ".json")) {
        respond(
            exchange,
            200,
            JSON.createObjectNode().put("sid", accountSid).put("status", "active"),
            null);
      } else if (!matcher.matches() || !matcher.group(1).equals(accountSid)) {
        respond(exchange, 404, error(20404, "The requested resource was not found", 404), null);
      } else if (matcher.group(2) == null && method.equals("POST")) {
        create(exchange, request);
      } else if (matcher.group(2) == null && method.equals("GET")) {
        list(exchange, request);
      } else if (method.equals("GET")) {
        fetch(exchange, matcher.group(2));
      } else if (method.equals("POST")) {
        update(exchange, matcher.group(2), request);
      } else {
        respond(exchange, 405, error(20004, "Method not allowed", 405), null);
      }
    }
  }

  private boolean authenticated(@Nullable String header) {
    if (header == null || !header.startsWith("Basic ")) {
      return false;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return false;
    }
    synchronized (this) {
      String secret = credentials.get(decoded.substring(0, colon));
      return secret != null && secret.equals(decoded.substring(colon + 1));
    }
  }

  private void create(HttpExchange exchange, RecordedRequest request) throws IOException {
    String to = request.param("To");
    if (to == null || request.param("From") == null || request.param("Url") == null) {
      respond(exchange, 400, error(21201, "No 'To', 'From' or 'Url' specified", 400), null);
      return;
    }
    CreateAnswer answer = nextAnswer(to);
    FakeCall call = null;
    if (answer.creates()) {
      call = new FakeCall("CA" + hex32(), request.form(), clock.instant());
      call.hideFromLookUps(answer.hiddenFromLookUps());
      synchronized (this) {
        calls.put(call.sid(), call);
      }
      countLive();
    }
    if (answer.slow()) {
      try {
        slowAnswers.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (answer.code() == 0 && call != null) {
      respond(exchange, answer.httpStatus(), callJson(call), null);
    } else {
      respond(
          exchange,
          answer.httpStatus(),
          error(answer.code(), answer.message(), answer.httpStatus()),
          answer.retryAfter() == null ? null : Long.toString(answer.retryAfter().toSeconds()));
    }
  }

  private synchronized CreateAnswer nextAnswer(String to) {
    if (!nextCreates.isEmpty()) {
      return nextCreates.poll();
    }
    Deque<CreateAnswer> forNumber = createsTo.get(to);
    if (forNumber != null && !forNumber.isEmpty()) {
      return forNumber.poll();
    }
    return CreateAnswer.created();
  }

  private void list(HttpExchange exchange, RecordedRequest request) throws IOException {
    synchronized (this) {
      if (failingLookups > 0) {
        failingLookups--;
        respond(exchange, 500, error(20500, "Internal Server Error", 500), null);
        return;
      }
    }
    String to = first(request.query(), "To");
    String from = first(request.query(), "From");
    int pageSize =
        Integer.parseInt(Optional.ofNullable(first(request.query(), "PageSize")).orElse("50"));
    List<FakeCall> newestFirst = new ArrayList<>(calls());
    java.util.Collections.reverse(newestFirst);
    ObjectNode page = JSON.createObjectNode();
    ArrayNode list = page.putArray("calls");
    newestFirst.stream()
        .filter(c -> to == null || c.to().equals(to))
        .filter(c -> from == null || c.from().equals(from))
        .filter(c -> !c.hiddenFromThisLookUp())
        .limit(pageSize)
        .forEach(c -> list.add(callJson(c)));
    page.put("page", 0).put("page_size", pageSize).putNull("next_page_uri");
    respond(exchange, 200, page, null);
  }

  private void fetch(HttpExchange exchange, String sid) throws IOException {
    synchronized (this) {
      if (failingFetches > 0) {
        failingFetches--;
        respond(exchange, 500, error(20500, "Internal Server Error", 500), null);
        return;
      }
    }
    Optional<FakeCall> call = call(sid);
    if (call.isEmpty()) {
      respond(exchange, 404, error(20404, "The requested resource was not found", 404), null);
    } else {
      respond(exchange, 200, callJson(call.get()), null);
    }
  }

  private void update(HttpExchange exchange, String sid, RecordedRequest request)
      throws IOException {
    Optional<FakeCall> found = call(sid);
    if (found.isEmpty()) {
      respond(exchange, 404, error(20404, "The requested resource was not found", 404), null);
      return;
    }
    synchronized (this) {
      if (failingHangUps > 0) {
        failingHangUps--;
        respond(exchange, 500, error(20500, "Internal Server Error", 500), null);
        return;
      }
    }
    FakeCall call = found.get();
    String wanted = request.param("Status");
    boolean notYetAnswered = List.of("queued", "initiated", "ringing").contains(call.status());
    if ("canceled".equals(wanted) && notYetAnswered) {
      changeStatus(call, "canceled");
    } else if ("completed".equals(wanted) && notYetAnswered) {
      changeStatus(call, "canceled");
    } else if ("completed".equals(wanted) && call.status().equals("in-progress")) {
      changeStatus(call, "completed");
    }
    respond(exchange, 200, callJson(call), null);
  }

  private ObjectNode callJson(FakeCall call) {
    ObjectNode json = JSON.createObjectNode();
    json.put("sid", call.sid())
        .put("account_sid", accountSid)
        .put("date_created", RFC_2822.format(call.dateCreated()))
        .put("date_updated", RFC_2822.format(call.dateCreated()))
        .put("to", call.to())
        .put("from", call.from())
        .put("status", call.status())
        .putNull("start_time")
        .put("direction", "outbound-api")
        .put("api_version", "2010-04-01")
        .put("uri", "/2010-04-01/Accounts/" + accountSid + "/Calls/" + call.sid() + ".json");
    if (call.answeredBy() == null) {
      json.putNull("answered_by");
    } else {
      json.put("answered_by", call.answeredBy());
    }
    return json;
  }

  private static ObjectNode error(int code, String message, int status) {
    ObjectNode json = JSON.createObjectNode();
    json.put("code", code)
        .put("message", message)
        .put("more_info", "https://www.twilio.com/docs/errors/" + code)
        .put("status", status);
    return json;
  }

  private static void respond(
      HttpExchange exchange, int status, ObjectNode body, @Nullable String retryAfter)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (retryAfter != null) {
      exchange.getResponseHeaders().set("Retry-After", retryAfter);
    }
    try {
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException clientGone) {
      // a held-back answer whose client timed out
    }
  }

  private void changeStatus(FakeCall call, String status) {
    call.status(status);
    countLive();
  }

  private synchronized void countLive() {
    maxLiveCalls = Math.max(maxLiveCalls, liveCalls());
    Map<String, Integer> liveFrom = new HashMap<>();
    for (FakeCall call : calls.values()) {
      if (call.live()) {
        liveFrom.merge(call.from(), 1, Integer::sum);
      }
    }
    liveFrom.forEach((from, live) -> maxLiveCallsFrom.merge(from, live, Math::max));
  }

  private FakeCall existing(String sid) {
    return call(sid).orElseThrow(() -> new IllegalArgumentException("no fake call " + sid));
  }

  private static @Nullable String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private String hex32() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  static java.util.concurrent.ThreadFactory daemon() {
    return task -> {
      Thread thread = new Thread(task, "fake-twilio");
      thread.setDaemon(true);
      return thread;
    };
  }

  /** How a callback is signed. */
  enum Signing {
    GOOD,
    WRONG,
    NONE
  }

  /** {@code date_created} as Twilio writes it, for tests that compare. */
  public static String rfc2822(Instant instant) {
    return RFC_2822.format(instant);
  }
}
