package dev.outdial.engine;

/**
 * Size limits on create requests; exceeding one is {@code invalid_field} naming the limit.
 *
 * @param maxRecipients entries in {@code recipients} (before dropping invalid ones)
 * @param maxPromptChars length of {@code prompt} and of each {@code prompt_override}
 * @param maxNameChars length of {@code name}
 * @param maxVariablesPerRecipient entries in one recipient's {@code variables}
 * @param maxVariableNameChars length of a variable's name
 * @param maxVariableValueChars length of a variable's value
 */
public record RequestLimits(
    int maxRecipients,
    int maxPromptChars,
    int maxNameChars,
    int maxVariablesPerRecipient,
    int maxVariableNameChars,
    int maxVariableValueChars) {

  /** 100,000 recipients, 20,000-char prompts, 200-char names, 50 variables of 64/2,000 chars. */
  public static final RequestLimits DEFAULT =
      new RequestLimits(100_000, 20_000, 200, 50, 64, 2_000);

  public RequestLimits {
    if (maxRecipients < 1
        || maxPromptChars < 1
        || maxNameChars < 1
        || maxVariablesPerRecipient < 0
        || maxVariableNameChars < 1
        || maxVariableValueChars < 0) {
      throw new IllegalArgumentException(
          "request limits must be positive (variables and value length may be 0)");
    }
  }

  /** These limits with another recipient cap. */
  public RequestLimits withMaxRecipients(int maxRecipients) {
    return new RequestLimits(
        maxRecipients,
        maxPromptChars,
        maxNameChars,
        maxVariablesPerRecipient,
        maxVariableNameChars,
        maxVariableValueChars);
  }
}
