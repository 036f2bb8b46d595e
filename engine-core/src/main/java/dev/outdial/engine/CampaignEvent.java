package dev.outdial.engine;

import java.time.Instant;

/**
 * A campaign was created or changed status.
 *
 * @param at the engine clock's instant of the change
 * @param keyId the owning key
 * @param campaignId the campaign
 * @param status the status it now has
 */
public record CampaignEvent(Instant at, String keyId, String campaignId, CampaignStatus status) {}
