/**
 * What a host implements for the engine: the {@link dev.outdial.engine.spi.Dialer} that places
 * calls, the {@link dev.outdial.engine.spi.AgentDirectory} of agents and their numbers, per-key
 * {@link dev.outdial.engine.spi.KeyLimitsSource limits}, and an {@link
 * dev.outdial.engine.spi.EngineListener} for events.
 */
@NullMarked
package dev.outdial.engine.spi;

import org.jspecify.annotations.NullMarked;
