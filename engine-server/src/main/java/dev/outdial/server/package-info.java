/**
 * The seed's REST API over HTTP: {@link dev.outdial.server.OutdialApi} is the handler a host mounts
 * in its own server, {@link dev.outdial.server.OutdialServer} the standalone server around it.
 * Everything in {@code dev.outdial.server.internal} is not an API.
 */
@NullMarked
package dev.outdial.server;

import org.jspecify.annotations.NullMarked;
