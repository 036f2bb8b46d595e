/**
 * The machinery of the JDBC store: connections and their settings, migrations, the writes and the
 * reads, and the little that differs between SQLite and PostgreSQL. Not an API: use {@link
 * dev.outdial.store.JdbcCampaignStore}.
 */
@NullMarked
package dev.outdial.store.internal;

import org.jspecify.annotations.NullMarked;
