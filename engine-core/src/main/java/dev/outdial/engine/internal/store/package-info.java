/**
 * Persistence: the changes of a durable engine's state on their way to its {@link
 * dev.outdial.engine.store.CampaignStore}, and when a failing store is tried again. It depends on
 * the store SPI only; {@code state} records its changes here and asks for commits at the points
 * where the engine's promises need them (before a dial, before an answer).
 */
@NullMarked
package dev.outdial.engine.internal.store;

import org.jspecify.annotations.NullMarked;
