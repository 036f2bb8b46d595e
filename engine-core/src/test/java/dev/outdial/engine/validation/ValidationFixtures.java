package dev.outdial.engine.validation;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.Recipient;
import dev.outdial.engine.RejectedException;
import dev.outdial.engine.Rejection;
import dev.outdial.engine.RequestLimits;
import dev.outdial.engine.internal.check.CampaignSpec;
import dev.outdial.engine.internal.check.RequestValidator;
import dev.outdial.engine.spi.Agent;
import dev.outdial.engine.spi.AgentDirectory;
import java.util.List;

/** Agents, a valid request and shortcuts shared by the validation tests. */
final class ValidationFixtures {

  /** UK mobiles from the seed; libphonenumber's metadata accepts them. */
  static final String PHONE_1 = "+447111000001";

  static final String PHONE_2 = "+447111000002";
  static final String PHONE_3 = "+447111000003";

  /** The seed's caller number. */
  static final String SEED_FROM = "+447446466847";

  static final String OTHER_FROM = "+447911123456";

  /** One outbound number, zone Asia/Dubai. */
  static final Agent ONE_NUMBER = new Agent("agent_one", "Asia/Dubai", List.of(SEED_FROM));

  /** Two outbound numbers (the second written with spaces), no zone. */
  static final Agent TWO_NUMBERS =
      new Agent("agent_two", null, List.of(SEED_FROM, "+44 7911 123456"));

  static final Agent NO_NUMBER = new Agent("agent_none", null, List.of());

  /** A zone the host stored wrongly. */
  static final Agent BAD_ZONE = new Agent("agent_bad_zone", "Mars/Olympus", List.of(SEED_FROM));

  static final AgentDirectory AGENTS =
      AgentDirectory.of(ONE_NUMBER, TWO_NUMBERS, NO_NUMBER, BAD_ZONE);

  static final RequestValidator VALIDATOR = new RequestValidator(AGENTS, RequestLimits.DEFAULT);

  private ValidationFixtures() {}

  /** A request that passes every check: agent_one, a prompt and three valid phones. */
  static BatchCampaignRequest.Builder valid() {
    return BatchCampaignRequest.builder()
        .agentId(ONE_NUMBER.agentId())
        .prompt("You are Sarah from Bright Smile Dental. Remind the patient of their check-up.")
        .recipients(List.of(Recipient.of(PHONE_1), Recipient.of(PHONE_2), Recipient.of(PHONE_3)));
  }

  static CampaignSpec accept(BatchCampaignRequest.Builder request) {
    return VALIDATOR.validate(request.build());
  }

  static Rejection reject(BatchCampaignRequest.Builder request) {
    return reject(VALIDATOR, request);
  }

  static Rejection reject(RequestValidator validator, BatchCampaignRequest.Builder request) {
    BatchCampaignRequest built = request.build();
    return assertThrows(RejectedException.class, () -> validator.validate(built)).rejection();
  }

  static List<String> fields(Rejection rejection) {
    return rejection.problems().stream().map(p -> p.field()).toList();
  }

  static List<String> reasons(Rejection rejection) {
    return rejection.problems().stream().map(p -> p.reason()).toList();
  }

  static List<Recipient> phones(String... phones) {
    return java.util.Arrays.stream(phones).map(Recipient::of).toList();
  }
}
