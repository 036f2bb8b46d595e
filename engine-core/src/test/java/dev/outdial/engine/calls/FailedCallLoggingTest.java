package dev.outdial.engine.calls;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.TestEngine;
import dev.outdial.engine.testkit.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §6: failed calls are logged at WARN with campaign and call ids; repeated and unknown end
 * reports are logged. Reads what the test logging backend (slf4j-simple, to System.err) prints.
 */
class FailedCallLoggingTest {
  private static final Instant T0 = Instant.parse("2026-06-10T12:00:00Z");

  /** The level field of a slf4j-simple line: after the thread name in brackets. */
  private static final Pattern WARN_LINE = Pattern.compile("^\\[[^\\]]*\\] WARN ");

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream original;

  @BeforeEach
  void capture() {
    original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(original);
  }

  private String log() {
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void dial_failed_and_timed_out_calls_are_warned_with_campaign_and_call_ids() {
    TestEngine t =
        TestEngine.at(
            T0,
            call ->
                call.to().equals(Requests.phone(0))
                    ? Outcome.throwsOnDial()
                    : Outcome.neverReports());
    String id = t.engine.create("key_a", Requests.now(2).build()).campaignId();

    t.simulation.runUntilIdle(T0.plus(Duration.ofHours(1)));

    List<String> callIds =
        t.engine.calls("key_a", id, 0, 2).calls().stream().map(c -> c.callId()).toList();
    assertWarnLine(List.of(id, callIds.get(0), "dial_failed"));
    assertWarnLine(List.of(id, callIds.get(1), "timed_out"));
  }

  /**
   * One line logged at level WARN (slf4j-simple writes {@code [thread] WARN logger - message})
   * holds every one of {@code parts}: the level and the ids are tied to the same event.
   */
  private void assertWarnLine(List<String> parts) {
    String log = log();
    assertTrue(
        log.lines().anyMatch(line -> WARN_LINE.matcher(line).find() && containsAll(line, parts)),
        "no WARN line naming all of " + parts + " in:\n" + log);
  }

  private static boolean containsAll(String line, List<String> parts) {
    return parts.stream().allMatch(line::contains);
  }

  @Test
  void repeated_and_unknown_end_reports_are_logged() {
    TestEngine t = TestEngine.at(T0, call -> Outcome.answeredFor(Duration.ofSeconds(5)));
    String id = t.engine.create("key_a", Requests.now(1).build()).campaignId();
    t.simulation.runUntilIdle(T0.plusSeconds(60));
    String callId = t.engine.calls("key_a", id, 0, 1).calls().get(0).callId();
    CallEndSink sink = t.dialer.dialed().get(0).ends();

    sink.callEnded(callId, EndedReason.BUSY);
    sink.callEnded("call_ffffffffffffffff", EndedReason.BUSY);
    t.engine.runDue();

    assertWarnLine(List.of(callId, id, "busy", "ignored"));
    assertWarnLine(List.of("call_ffffffffffffffff", "unknown call", "ignored"));
  }
}
