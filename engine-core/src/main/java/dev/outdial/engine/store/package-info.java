/**
 * The store SPI: what keeps the engine's state across restarts. The engine holds its state in
 * memory and writes every change through a {@link dev.outdial.engine.store.CampaignStore} before it
 * acts on it or answers for it; at start it reads back what was committed. Module {@code
 * engine-store} implements it over SQLite and PostgreSQL; without a store the engine keeps
 * everything in memory only (tests, benchmarks). See docs/durability.md.
 */
@NullMarked
package dev.outdial.engine.store;

import org.jspecify.annotations.NullMarked;
