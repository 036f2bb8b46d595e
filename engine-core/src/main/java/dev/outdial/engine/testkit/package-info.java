/**
 * Helpers for testing code that embeds Outdial, shipped with the engine: a {@link
 * dev.outdial.engine.testkit.SettableClock}, a {@link dev.outdial.engine.testkit.ScriptedDialer}
 * whose calls end as scripted, and a {@link dev.outdial.engine.testkit.Simulation} that advances
 * time event by event, and a {@link dev.outdial.engine.testkit.MemoryStore} for durable engines
 * restarted in a test. jqwik arbitraries for windows and zones ship in engine-core's test-jar
 * ({@code dev.outdial.engine.testkit.arbitraries}).
 */
@NullMarked
package dev.outdial.engine.testkit;

import org.jspecify.annotations.NullMarked;
