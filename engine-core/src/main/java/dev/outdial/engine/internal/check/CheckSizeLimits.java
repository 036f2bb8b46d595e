package dev.outdial.engine.internal.check;

import static dev.outdial.engine.internal.check.ProblemMessages.problem;
import static dev.outdial.engine.internal.check.ProblemMessages.shown;
import static dev.outdial.engine.internal.check.ProblemMessages.tooLong;
import static dev.outdial.engine.internal.check.ProblemMessages.tooMany;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.Problem;
import dev.outdial.engine.Recipient;
import dev.outdial.engine.RequestLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** SPEC §1 group 2's limits: prompt, name and recipient count, and each recipient entry's parts. */
final class CheckSizeLimits {

  private final RequestLimits limits;

  CheckSizeLimits(RequestLimits limits) {
    this.limits = limits;
  }

  /**
   * Every size over its limit (and every null or blank recipient part or variable name), in request
   * order.
   */
  List<Problem> in(BatchCampaignRequest request) {
    List<Problem> problems = new ArrayList<>(0);
    String prompt = Objects.requireNonNull(request.prompt());
    checkLength("prompt", null, prompt, limits.maxPromptChars(), "maxPromptChars", problems);
    if (request.name() != null) {
      checkLength("name", null, request.name(), limits.maxNameChars(), "maxNameChars", problems);
    }
    List<Recipient> recipients = Objects.requireNonNull(request.recipients());
    if (recipients.size() > limits.maxRecipients()) {
      problems.add(
          tooMany("recipients", null, recipients.size(), limits.maxRecipients(), "maxRecipients"));
    }
    for (int i = 0; i < recipients.size(); i++) {
      checkRecipient(i, recipients.get(i), problems);
    }
    return problems;
  }

  private void checkRecipient(int i, @Nullable Recipient recipient, List<Problem> problems) {
    String at = "recipients[" + i + "]";
    if (recipient == null) {
      problems.add(problem(at, i, null, "null_entry", "%s is null, not a recipient", at));
      return;
    }
    checkVariables(i, at, recipient.variables(), problems);
    String override = recipient.promptOverride();
    String field = at + ".prompt_override";
    if (override != null && override.isBlank()) {
      problems.add(
          problem(
              field,
              i,
              override,
              "blank",
              "%s is blank: it would replace the prompt with no call purpose",
              field));
    } else if (override != null) {
      checkLength(field, i, override, limits.maxPromptChars(), "maxPromptChars", problems);
    }
  }

  private void checkVariables(
      int i, String at, Map<String, String> variables, List<Problem> problems) {
    int max = limits.maxVariablesPerRecipient();
    if (variables.size() > max) {
      problems.add(
          tooMany(at + ".variables", i, variables.size(), max, "maxVariablesPerRecipient"));
    }
    // Map.copyOf has no stable order; sorting keeps the problem list reproducible.
    for (String name : variables.keySet().stream().sorted().toList()) {
      String field = at + ".variables." + ProblemMessages.cut(name);
      if (name.isBlank()) {
        problems.add(
            problem(
                field,
                i,
                name,
                "blank_name",
                "%s has a variable with a blank name: every variable needs a name",
                at));
      }
      if (name.length() > limits.maxVariableNameChars()) {
        problems.add(
            problem(
                field,
                i,
                name,
                "name_too_long",
                "variable name %s of %s is %d characters, over the limit of %d"
                    + " (maxVariableNameChars)",
                shown(name),
                at,
                name.length(),
                limits.maxVariableNameChars()));
      }
      checkNoNul(field, i, name, problems);
      String value = variables.get(name);
      checkLength(
          field, i, value, limits.maxVariableValueChars(), "maxVariableValueChars", problems);
    }
  }

  private static void checkLength(
      String field,
      @Nullable Integer index,
      String value,
      int limit,
      String limitName,
      List<Problem> problems) {
    if (value.length() > limit) {
      problems.add(tooLong(field, index, value, limit, limitName));
    }
    checkNoNul(field, index, value, problems);
  }

  /**
   * No text the engine keeps may hold U+0000: PostgreSQL's text columns cannot store it, and a
   * campaign that cannot be committed must be refused here, not fail its store.
   */
  private static void checkNoNul(
      String field, @Nullable Integer index, String value, List<Problem> problems) {
    if (value.indexOf('\u0000') >= 0) {
      problems.add(
          problem(
              field,
              index,
              value,
              "nul_character",
              "%s contains a NUL character (U+0000), which no text may hold",
              field));
    }
  }
}
