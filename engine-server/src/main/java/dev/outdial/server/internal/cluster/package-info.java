/**
 * A server as one node of a cluster on a shared PostgreSQL (docs/cluster.md): the keys it holds
 * leases on, an engine for each, the heartbeat that keeps them, and requests passed to the node
 * that owns their key.
 */
@NullMarked
package dev.outdial.server.internal.cluster;

import org.jspecify.annotations.NullMarked;
