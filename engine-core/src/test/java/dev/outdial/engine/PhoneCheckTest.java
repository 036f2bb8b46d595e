package dev.outdial.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A phone outside a request is checked and normalised as a recipient's would be. */
class PhoneCheckTest {

  @Test
  void spaced_and_compact_forms_of_one_number_give_the_same_e164() {
    assertEquals("+447111000001", PhoneCheck.of("+44 7111 000001").e164());
    assertEquals("+447111000001", PhoneCheck.of("+447111000001").e164());
    assertTrue(PhoneCheck.of("+44 (7111) 000-001").valid());
  }

  @Test
  void a_faulty_phone_has_the_recipient_check_reason_and_no_e164() {
    PhoneCheck national = PhoneCheck.of("07111 000001");
    assertFalse(national.valid());
    assertNull(national.e164());
    assertEquals("not_international", national.reason());
    assertEquals("is not international (needs a leading +)", national.description());
    assertEquals("missing", PhoneCheck.of(null).reason());
    assertEquals("invalid_characters", PhoneCheck.of("+44abc").reason());
    assertEquals("invalid_number", PhoneCheck.of("+4411").reason());
  }
}
