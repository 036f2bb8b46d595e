package dev.outdial.server.internal.cluster;

import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.store.CampaignStore;

/**
 * Starts a key's engine as the server configures engines, over the key's store and dialer; the
 * engine's start reconciles the calls the key's last owner left in doubt.
 */
@FunctionalInterface
public interface KeyEngineFactory {
  KeyEngine start(String keyId, CampaignStore store, Dialer dialer);
}
