package dev.outdial.engine.internal.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Numbers to zones and jurisdictions, as libphonenumber's data says. */
class LocateNumberTest {

  private final LocateNumber locate = new LocateNumber();

  @Test
  void a_us_number_names_its_state_from_the_geocoder_description() {
    assertEquals(
        new Jurisdiction("US", "WA"),
        locate.locate(12065550123L).jurisdiction()); // "Washington State"
    assertEquals(
        new Jurisdiction("US", "ID"), locate.locate(12085550123L).jurisdiction()); // "Idaho"
    assertEquals(
        new Jurisdiction("US", "DC"),
        locate.locate(12024561111L).jurisdiction()); // "Washington D.C."
    assertEquals(new Jurisdiction("US", "FL"), locate.locate(13055550123L).jurisdiction());
    assertEquals(new Jurisdiction("US", "MD"), locate.locate(14105550123L).jurisdiction());
  }

  @Test
  void a_multi_zone_area_gives_every_zone_sorted() {
    NumberLocation idaho = locate.locate(12085550123L);

    assertEquals(
        List.of(ZoneId.of("America/Boise"), ZoneId.of("America/Los_Angeles")), idaho.zones());
    assertEquals(NumberLocation.Certainty.AREA, idaho.certainty());
  }

  @Test
  void a_toll_free_number_is_country_wide_and_has_no_state() {
    NumberLocation tollFree = locate.locate(18005550123L);

    assertEquals(NumberLocation.Certainty.COUNTRY_WIDE, tollFree.certainty());
    assertEquals(Jurisdiction.country("US"), tollFree.jurisdiction());
  }

  @Test
  void a_country_list_on_one_wall_clock_is_not_country_wide() {
    // A UK mobile: London, Guernsey, Jersey, Isle of Man, all on the same clock.
    NumberLocation mobile = locate.locate(447911123456L);

    assertEquals(NumberLocation.Certainty.AREA, mobile.certainty());
  }

  @Test
  void a_canadian_number_has_its_country_and_no_subdivision() {
    NumberLocation toronto = locate.locate(14165550123L);

    assertEquals(Jurisdiction.country("CA"), toronto.jurisdiction());
    assertEquals(List.of(ZoneId.of("America/Toronto")), toronto.zones());
  }
}
