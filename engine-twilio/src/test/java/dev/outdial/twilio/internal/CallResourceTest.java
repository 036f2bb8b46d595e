package dev.outdial.twilio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Twilio's call JSON as the dialer reads it. */
class CallResourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void date_created_is_read_from_rfc_2822_as_twilio_writes_it() throws Exception {
    CallResource call =
        CallResource.of(
            JSON.readTree(
                "{\"sid\":\"CA1\",\"status\":\"queued\",\"to\":\"+1\",\"from\":\"+2\","
                    + "\"date_created\":\"Tue, 31 Aug 2010 20:36:28 +0000\",\"start_time\":null,"
                    + "\"answered_by\":null}"));
    assertEquals(Instant.parse("2010-08-31T20:36:28Z"), call.dateCreated());
    assertNull(call.answeredBy());
  }

  @Test
  void a_body_that_is_not_a_list_page_is_not_read_as_an_empty_list() throws Exception {
    assertNull(CallResource.listOf(JSON.readTree("{\"message\":\"oops\"}")));
    assertNull(CallResource.listOf(null));
    assertEquals(List.of(), CallResource.listOf(JSON.readTree("{\"calls\":[]}")));
  }
}
