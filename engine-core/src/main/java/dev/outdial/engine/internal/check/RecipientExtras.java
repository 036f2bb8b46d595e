package dev.outdial.engine.internal.check;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The optional parts of a recipient, kept only for recipients that have any. */
public record RecipientExtras(Map<String, String> variables, @Nullable String promptOverride) {}
