package dev.outdial.engine;

import org.jspecify.annotations.Nullable;

/**
 * One thing wrong with a request.
 *
 * @param field the JSON field at fault, e.g. {@code window_days} or {@code recipients[3].phone}; a
 *     sent name in it (a variable's) longer than 100 characters is cut to 100 and {@code ...}
 * @param index the recipient index for recipient problems, else {@code null}
 * @param value the offending value as sent, whole (for phones: the phone), or {@code null} when
 *     absent; a host that shows it to a client should cut it, as the server does
 * @param reason a short machine-readable reason, e.g. {@code invalid_number}
 * @param message a sentence for people that names the value, quoting at most 100 characters of it
 */
public record Problem(
    String field, @Nullable Integer index, @Nullable String value, String reason, String message) {}
