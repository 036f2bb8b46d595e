/**
 * Durable stores for the engine: {@link dev.outdial.store.JdbcCampaignStore} makes a {@link
 * dev.outdial.engine.store.CampaignStore} over an embedded SQLite file or a PostgreSQL server (see
 * docs/durability-store.md); {@link dev.outdial.store.KeyLeases}, the per-key leases a cluster of
 * nodes on one PostgreSQL owns its API keys by, {@link dev.outdial.store.KeyStores}, the store of
 * each key's engine, fenced by its lease, and {@link dev.outdial.store.RequestRelay}, which lets
 * any node of such a cluster hand a request to its key's owner (see docs/cluster.md).
 */
@NullMarked
package dev.outdial.store;

import org.jspecify.annotations.NullMarked;
