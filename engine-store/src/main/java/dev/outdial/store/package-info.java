/**
 * Durable stores for the engine: {@link dev.outdial.store.JdbcCampaignStore} makes a {@link
 * dev.outdial.engine.store.CampaignStore} over an embedded SQLite file or a PostgreSQL server. See
 * docs/durability-store.md.
 */
@NullMarked
package dev.outdial.store;

import org.jspecify.annotations.NullMarked;
