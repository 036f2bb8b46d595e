/**
 * Request checks: turn a {@code BatchCampaignRequest} into a {@link
 * dev.outdial.engine.internal.check.CampaignSpec} (SPEC §1) or a rejection that names the field and
 * value at fault. {@link dev.outdial.engine.internal.check.CampaignSpec} and {@link
 * dev.outdial.engine.internal.check.RecipientExtras} are the checked request the rest of the engine
 * consumes; {@link dev.outdial.engine.internal.check.Rejections} are the refusals of actions on
 * campaigns, worded like the checks' problems. Depends only on the public API, the SPI and {@code
 * time} (to build the calling window); it holds no state and knows nothing of campaigns once made.
 */
@NullMarked
package dev.outdial.engine.internal.check;

import org.jspecify.annotations.NullMarked;
