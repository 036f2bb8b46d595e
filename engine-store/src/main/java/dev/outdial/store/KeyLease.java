package dev.outdial.store;

import java.time.Instant;

/**
 * A key this node held when it was read: the key, its fencing token, and when the lease ends.
 *
 * <p>The token is what a write under this lease must present to {@link KeyLeases#requireHeld}: it
 * rises each time the key changes hands, so a node holding an older one has lost the key. {@code
 * expiresAt} is on the database's clock: show it, never compare it with this machine's clock.
 *
 * @param keyId the API key
 * @param token the fencing token of this node's hold on the key, at least 1
 * @param expiresAt when the lease ends unless renewed, by the database's clock
 */
public record KeyLease(String keyId, long token, Instant expiresAt) {}
