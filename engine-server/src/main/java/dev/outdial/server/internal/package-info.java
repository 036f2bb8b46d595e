/** The server's machinery: routing, JSON mapping, limits. Not an API. */
@NullMarked
package dev.outdial.server.internal;

import org.jspecify.annotations.NullMarked;
