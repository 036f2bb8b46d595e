package dev.outdial.twilio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.twilio.TwilioSettings;
import dev.outdial.twilio.fake.FakeTwilio;
import dev.outdial.twilio.fake.ManualScheduler;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A key suspended by a not-placed report always resumes: a report that reaches the engine after the
 * probe's "dialler available" (the probe succeeded while the report was on its way) is followed by
 * another one, so no campaign waits for ever on an account that is up.
 */
class AccountHealthTest {
  private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
  private static final String TOKEN = "auth-token-for-tests";

  private final SettableClock clock = new SettableClock(Instant.parse("2026-06-10T12:00:00Z"));
  private final FakeTwilio twilio = FakeTwilio.start(ACCOUNT, TOKEN, clock);
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final InFlight inFlight = new InFlight();
  private final AccountHealth health =
      new AccountHealth(
          new TwilioApi(
              TwilioSettings.builder()
                  .accountSid(ACCOUNT)
                  .authToken(TOKEN)
                  .apiBaseUri(twilio.baseUri())
                  .twimlUrl("https://dial.example.com/twiml")
                  .callbackBaseUrl("https://dial.example.com/twilio")
                  .build(),
              HttpClient.newHttpClient(),
              inFlight),
          scheduler,
          ACCOUNT);
  private final AtomicInteger available = new AtomicInteger();
  private final CallEndSink engine =
      new CallEndSink() {
        @Override
        public void callEnded(String callId, EndedReason reason, @Nullable String detail) {}

        @Override
        public void dialerAvailable() {
          available.incrementAndGet();
        }
      };

  @AfterEach
  void stop() {
    twilio.close();
  }

  private void probe() throws Exception {
    scheduler.runNext();
    inFlight.idle().get(20, TimeUnit.SECONDS);
  }

  @Test
  void a_not_placed_report_sent_while_the_account_is_down_waits_for_the_probe() throws Exception {
    health.failed(engine, "twilio error 20003 (HTTP 401): Authenticate");

    health.reportedNotPlaced(engine);

    assertEquals(0, available.get(), "the episode's probe resumes the key, not the report");
    probe();
    assertFalse(health.isDown());
    assertEquals(1, available.get());
  }

  @Test
  void a_not_placed_report_that_raced_the_successful_probe_tells_the_engine_again()
      throws Exception {
    health.failed(engine, "twilio error 20003 (HTTP 401): Authenticate");
    assertTrue(health.isDown());
    probe(); // Twilio takes the credentials: the engine hears "available" ...

    health.reportedNotPlaced(engine); // ... then a report that saw the account down

    assertEquals(2, available.get(), "the key that report suspended resumes too");
  }
}
