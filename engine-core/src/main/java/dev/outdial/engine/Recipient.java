package dev.outdial.engine;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a request's {@code recipients}: the seed's {@code phone}, {@code variables} and
 * {@code prompt_override}, exactly as the caller sent them.
 *
 * <p>The phone is kept as sent; the engine validates and normalises it to E.164 when the campaign
 * is created. Variables are always handed to the dialer as context for the agent; no {@code
 * {{placeholders}}} are needed in the prompt.
 *
 * @param phone the number to dial, international form with a leading {@code +}; may be {@code null}
 *     only because a caller's JSON may lack it (the engine rejects it then)
 * @param variables per-recipient context, never {@code null} (empty when none)
 * @param promptOverride replaces the campaign prompt for this recipient, or {@code null}
 */
public record Recipient(
    @Nullable String phone, Map<String, String> variables, @Nullable String promptOverride) {

  public Recipient {
    variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
  }

  /** A recipient with only a phone. */
  public static Recipient of(String phone) {
    return new Recipient(phone, Map.of(), null);
  }

  /** A recipient with a phone and variables. */
  public static Recipient of(String phone, Map<String, String> variables) {
    return new Recipient(phone, variables, null);
  }
}
