package dev.outdial.engine;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A key's dialling was suspended (the dialer could not place calls for a reason that is not the
 * recipients': see {@link dev.outdial.engine.spi.CallEndSink#notPlaced}) or resumed.
 *
 * @param at when
 * @param keyId the key
 * @param suspended true when suspended, false when it dials again
 * @param reason what the dialer said, when suspended; else null
 */
public record DiallingEvent(Instant at, String keyId, boolean suspended, @Nullable String reason) {}
