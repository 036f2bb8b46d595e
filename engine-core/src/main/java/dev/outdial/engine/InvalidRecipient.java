package dev.outdial.engine;

import org.jspecify.annotations.Nullable;

/**
 * A recipient the engine will not dial, as listed in the create answer's {@code invalid}.
 *
 * @param index its position in the request's {@code recipients}
 * @param phone the phone as sent, or {@code null} if absent
 * @param reason why: {@code missing}, {@code not_international}, {@code invalid_characters}, {@code
 *     unparseable} or {@code invalid_number}
 */
public record InvalidRecipient(int index, @Nullable String phone, String reason) {}
