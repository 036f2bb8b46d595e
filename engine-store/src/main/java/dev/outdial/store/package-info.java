/**
 * Durable stores for the engine: {@link dev.outdial.store.JdbcCampaignStore} makes a {@link
 * dev.outdial.engine.store.CampaignStore} over an embedded SQLite file or a PostgreSQL server (see
 * docs/durability-store.md), and {@link dev.outdial.store.KeyLeases}, the per-key leases a cluster
 * of nodes on one PostgreSQL will own its API keys by (see docs/cluster.md).
 */
@NullMarked
package dev.outdial.store;

import org.jspecify.annotations.NullMarked;
