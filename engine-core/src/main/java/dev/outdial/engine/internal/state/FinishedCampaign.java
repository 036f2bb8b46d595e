package dev.outdial.engine.internal.state;

/**
 * What a durable engine keeps in memory of a finished campaign: enough to find it, and its calls,
 * in the store. The rest of it lives only there.
 */
record FinishedCampaign(String id, String keyId, long callBase, long callSpan) {}
